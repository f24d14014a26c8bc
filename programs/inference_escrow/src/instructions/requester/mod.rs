//! Instructions signed by a requester (a wallet or, by CPI, another program).

pub mod cancel_request;
pub mod challenge_request;
pub mod close_request;
pub mod create_request;
pub mod create_request_token;

pub use cancel_request::*;
pub use challenge_request::*;
pub use close_request::*;
pub use create_request::*;
pub use create_request_token::*;
