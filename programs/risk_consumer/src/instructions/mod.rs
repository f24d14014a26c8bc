//! One instruction per file.

pub mod apply_score;
pub mod init_vault;
pub mod on_score;
pub mod open_position;
pub mod reclaim_request;
pub mod request_score;
pub mod update_position;

pub use apply_score::*;
pub use init_vault::*;
pub use on_score::*;
pub use open_position::*;
pub use reclaim_request::*;
pub use request_score::*;
pub use update_position::*;
