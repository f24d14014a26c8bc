//! One instruction per file, grouped by who calls it.

pub mod admin;
pub mod crank;
pub mod model;
pub mod oracle;
pub mod payout;
pub mod requester;
pub mod seat;

pub use admin::*;
pub use crank::*;
pub use model::*;
pub use oracle::*;
pub use payout::*;
pub use requester::*;
pub use seat::*;
