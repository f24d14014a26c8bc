//! Program accounts, one file each.

pub mod callback;
pub mod config;
pub mod dispute;
pub mod earnings;
pub mod model;
pub mod oracle;
pub mod policy;
pub mod request;
pub mod schema;
pub mod seat;

pub use callback::*;
pub use config::*;
pub use dispute::*;
pub use earnings::*;
pub use model::*;
pub use oracle::*;
pub use policy::*;
pub use request::*;
pub use schema::*;
pub use seat::*;
