//! Program accounts, one file each.

pub mod config;
pub mod earnings;
pub mod model;
pub mod oracle;
pub mod policy;
pub mod request;
pub mod schema;

pub use config::*;
pub use earnings::*;
pub use model::*;
pub use oracle::*;
pub use policy::*;
pub use request::*;
pub use schema::*;
