//! Checked readers: the result of a request, believed only after every check a consumer needs.

use solana_pubkey::Pubkey;

use crate::{sha256, DataRef, InterfaceError, Request, RequestStatus};

/// Which results a consumer acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    /// Only settled results: the challenge window has passed, the result is final.
    Settled,
    /// Fulfilled results too: signed by a staked oracle, but still open to a challenge by the
    /// requester or its named challenger until the window closes.
    FulfilledOrSettled,
}

impl Request {
    /// The output bytes, if this request is for `model`, was paid by `requester`, has a result
    /// `accept` takes, and holds its output inline with the bytes its output hash commits to.
    /// Each failed check has its own error; `NotReady` means "try again later", `NoResult`
    /// "none will ever come" (the escrow is owed back to the requester).
    ///
    /// The caller still checks that this is the request it waits for (the account's address).
    pub fn result(
        &self,
        model: &Pubkey,
        requester: &Pubkey,
        accept: Accept,
    ) -> Result<&[u8], InterfaceError> {
        if self.model != *model {
            return Err(InterfaceError::WrongModel);
        }
        if self.requester != *requester {
            return Err(InterfaceError::WrongRequester);
        }
        match (self.status, accept) {
            (RequestStatus::Settled { .. }, _)
            | (RequestStatus::Fulfilled { .. }, Accept::FulfilledOrSettled) => {}
            (
                RequestStatus::Failed { .. }
                | RequestStatus::Expired { .. }
                | RequestStatus::Refunded { .. },
                _,
            ) => return Err(InterfaceError::NoResult(self.status)),
            (status, _) => return Err(InterfaceError::NotReady(status)),
        }
        let bytes = match &self.output {
            Some(DataRef::Inline(bytes)) => bytes,
            Some(DataRef::Uri(_)) => return Err(InterfaceError::OutputByUri),
            None => return Err(InterfaceError::Malformed),
        };
        // The escrow hashes inline outputs itself; checking again here restates its guarantee
        // where the consumer starts relying on it.
        if sha256(bytes) != self.output_hash {
            return Err(InterfaceError::OutputHashMismatch);
        }
        Ok(bytes)
    }

    /// [`Request::result`] decoded as exactly `N` little-endian `f32`s (`OutputLength`
    /// otherwise). NaN is returned as stored: decide what it means for you.
    pub fn result_f32<const N: usize>(
        &self,
        model: &Pubkey,
        requester: &Pubkey,
        accept: Accept,
    ) -> Result<[f32; N], InterfaceError> {
        let bytes = self.result(model, requester, accept)?;
        if bytes.len() != N * 4 {
            return Err(InterfaceError::OutputLength {
                expected: N * 4,
                found: bytes.len(),
            });
        }
        let mut out = [0f32; N];
        for (value, chunk) in out.iter_mut().zip(bytes.chunks_exact(4)) {
            *value = f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Ok(out)
    }
}
