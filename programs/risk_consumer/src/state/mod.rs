//! Program accounts, one file each.

pub mod position;
pub mod vault;

pub use position::*;
pub use vault::*;
