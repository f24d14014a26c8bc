use anchor_lang::{
    prelude::*,
    solana_program::{
        instruction::{AccountMeta, Instruction},
        program::invoke_signed,
    },
};

use crate::{
    constants::{SEED_CALLBACK, SEED_REQUEST},
    errors::EscrowError,
    events::CallbackDelivered,
    state::Request,
};

#[event_cpi]
#[derive(Accounts)]
pub struct DeliverCallback<'info> {
    /// The ended request; passed to the consumer read-only, marked delivered here.
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// Signs the call so the consumer knows the escrow delivers this request's callback; it
    /// signs nothing else.
    /// CHECK: a PDA without data, pinned by the seeds.
    #[account(seeds = [SEED_CALLBACK, request.key().as_ref()], bump)]
    pub callback_authority: UncheckedAccount<'info>,
    /// The program the request's callback names.
    /// CHECK: compared with the request's callback in `validate`; the runtime runs it.
    pub callback_program: UncheckedAccount<'info>,
}

impl DeliverCallback<'_> {
    pub fn validate(&self) -> Result<()> {
        let Some(callback) = &self.request.callback else {
            return err!(EscrowError::NoCallback);
        };
        require!(
            !self.request.callback_delivered,
            EscrowError::CallbackDelivered
        );
        require!(
            self.request.status.is_terminal(),
            EscrowError::RequestNotTerminal
        );
        require_keys_eq!(
            self.callback_program.key(),
            callback.program,
            EscrowError::CallbackAccountsMismatch
        );
        Ok(())
    }

    pub fn handler<'info>(ctx: Context<'info, DeliverCallback<'info>>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let callback = accounts
            .request
            .callback
            .clone()
            .ok_or(EscrowError::NoCallback)?;
        let passed = ctx.remaining_accounts;
        let matches = passed.len() == callback.accounts.len()
            && passed.iter().zip(&callback.accounts).all(|(info, named)| {
                info.key() == named.pubkey && (!named.writable || info.is_writable)
            });
        require!(matches, EscrowError::CallbackAccountsMismatch);

        // Marked before the call; a failing call reverts the whole transaction, mark included,
        // so the callback may be tried again until it succeeds once.
        accounts.request.callback_delivered = true;

        let request_info = accounts.request.to_account_info();
        let authority_info = accounts.callback_authority.to_account_info();
        let mut metas = vec![
            AccountMeta::new_readonly(request_info.key(), false),
            AccountMeta::new_readonly(authority_info.key(), true),
        ];
        // Signer privileges are never passed on: the consumer sees only the authority sign.
        metas.extend(callback.accounts.iter().map(|named| AccountMeta {
            pubkey: named.pubkey,
            is_signer: false,
            is_writable: named.writable,
        }));
        let instruction = Instruction {
            program_id: callback.program,
            accounts: metas,
            data: callback.discriminator.to_vec(),
        };
        let mut infos = vec![request_info, authority_info];
        infos.extend(passed.iter().cloned());
        infos.push(accounts.callback_program.to_account_info());
        let bump = [ctx.bumps.callback_authority];
        let request_key = accounts.request.key();
        let seeds: &[&[u8]] = &[SEED_CALLBACK, request_key.as_ref(), &bump];
        invoke_signed(&instruction, &infos, &[seeds])?;

        let event = CallbackDelivered {
            request: accounts.request.key(),
            program: callback.program,
        };
        emit_cpi!(event);
        Ok(())
    }
}
