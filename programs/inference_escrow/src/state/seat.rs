use anchor_lang::prelude::*;

/// Where a quorum request's seat stands.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatState {
    /// Claimed (bond locked); must commit by the deadline.
    Claimed,
    /// Committed to an output; must reveal within the reveal window.
    Committed,
    /// Revealed an output that matches its commitment.
    Revealed,
    /// Reported a signed failure (the input cannot be run): bond released, no output.
    Failed,
}

/// One oracle's seat in a quorum request.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    /// The Oracle account holding the seat.
    pub oracle: Pubkey,
    /// Lamports of its stake locked for this seat (zero once released or slashed).
    pub bond: u64,
    /// Where the seat stands.
    pub state: SeatState,
    /// `sha256(sha256(output) || salt || oracle)`, signed by the oracle's attestation key.
    pub commitment: [u8; 32],
    /// What ran the model, as signed with the commitment.
    pub execution_id: [u8; 32],
    /// The revealed output (empty until revealed).
    pub output: Vec<u8>,
}

impl Seat {
    /// Borsh size of a seat whose output is at most `output_capacity` bytes.
    pub fn space(output_capacity: u32) -> usize {
        32 + 8 + 1 + 32 + 32 + 4 + output_capacity as usize
    }

    /// Whether the oracle still holds this seat's bond.
    pub fn is_bonded(&self) -> bool {
        self.bond > 0
    }
}
