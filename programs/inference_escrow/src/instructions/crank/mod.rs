//! Permissionless instructions: anyone may send them once the rules allow.

pub mod close_dispute;
pub mod deliver_callback;
pub mod expire_request;
pub mod finalize_dispute;
pub mod finalize_quorum;
pub mod release_payout;
pub mod settle_quorum;
pub mod settle_request;

pub use close_dispute::*;
pub use deliver_callback::*;
pub use expire_request::*;
pub use finalize_dispute::*;
pub use finalize_quorum::*;
pub use release_payout::*;
pub use settle_quorum::*;
pub use settle_request::*;
