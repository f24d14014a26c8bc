use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::{BPS_DENOMINATOR, SEED_CONFIG, SEED_MODEL, SEED_REQUEST},
    errors::EscrowError,
    events::RequestCreated,
    math,
    payload::Payload,
    state::{Config, Model, Request, RequestStatus},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateRequestArgs {
    /// Requester-chosen nonce; part of the request PDA seeds, so each requester picks its own.
    pub nonce: u64,
    /// The model input: inline tensor bytes matching the input schema, or a URI and its hash.
    pub input: Payload,
    /// Slots from now until the deadline (claim and fulfilment must happen by then).
    pub ttl_slots: u64,
    /// Program the requester wants notified of the result (advisory).
    pub callback_program: Option<Pubkey>,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateRequestArgs)]
pub struct CreateRequest<'info> {
    /// Pays the price into escrow and the account rent.
    #[account(mut)]
    pub requester: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()], bump = model.bump)]
    pub model: Box<Account<'info, Model>>,
    #[account(
        init,
        payer = requester,
        space = Request::space(args.input.stored_len(), model.output_capacity(config.max_output_len)),
        seeds = [SEED_REQUEST, requester.key().as_ref(), &args.nonce.to_le_bytes()],
        bump,
    )]
    pub request: Box<Account<'info, Request>>,
    pub system_program: Program<'info, System>,
}

/// Checks shared by SOL and SPL request creation.
pub fn validate_new_request(
    config: &Config,
    model: &Model,
    args: &CreateRequestArgs,
) -> Result<()> {
    require!(!config.paused, EscrowError::ProtocolPaused);
    require!(model.active, EscrowError::ModelInactive);
    match &args.input {
        Payload::Inline(bytes) => {
            require!(!bytes.is_empty(), EscrowError::EmptyInput);
            require!(
                bytes.len() <= config.max_input_len as usize,
                EscrowError::InputTooLong
            );
            require!(
                model.input_schema.accepts_byte_len(bytes.len()),
                EscrowError::InputSchemaMismatch
            );
        }
        Payload::Uri { .. } => args.input.validate_uri()?,
    }
    require!(
        args.ttl_slots > 0 && args.ttl_slots <= config.max_request_ttl_slots,
        EscrowError::InvalidTtl
    );
    require!(
        (config.protocol_fee_bps as u32) + (model.royalty_bps as u32) <= BPS_DENOMINATOR as u32,
        EscrowError::FeeSplitTooHigh
    );
    Ok(())
}

/// The parties and bumps of a request being created.
pub struct NewRequest {
    /// The signer paying the escrow.
    pub requester: Pubkey,
    /// The model account.
    pub model: Pubkey,
    /// Bump of the request PDA.
    pub bump: u8,
    /// Bump of the SPL vault PDA; zero for SOL requests.
    pub vault_bump: u8,
}

/// Writes a new request; the caller has escrowed `model.price` already.
pub fn init_request(
    request: &mut Request,
    new: NewRequest,
    model: &Model,
    config: &Config,
    args: &CreateRequestArgs,
) -> Result<()> {
    let slot = Clock::get()?.slot;
    request.requester = new.requester;
    request.model = new.model;
    request.nonce = args.nonce;
    request.status = RequestStatus::Open;
    request.price = model.price;
    request.protocol_fee_bps = config.protocol_fee_bps;
    request.royalty_bps = model.royalty_bps;
    request.challenge_window_slots = config.challenge_window_slots;
    request.mint = model.mint;
    request.escrow = model.price;
    request.created_slot = slot;
    request.deadline_slot = math::add(slot, args.ttl_slots)?;
    request.input_hash = args.input.sha256();
    request.input = args.input.data_ref();
    request.output_hash = [0; 32];
    request.output = None;
    request.output_capacity = model.output_capacity(config.max_output_len);
    request.callback_program = args.callback_program;
    request.bump = new.bump;
    request.vault_bump = new.vault_bump;
    Ok(())
}

/// The creation event of `request`.
pub fn created_event(request_key: Pubkey, request: &Request) -> RequestCreated {
    RequestCreated {
        request: request_key,
        requester: request.requester,
        model: request.model,
        nonce: request.nonce,
        price: request.price,
        mint: request.mint,
        input_hash: request.input_hash,
        deadline_slot: request.deadline_slot,
    }
}

impl CreateRequest<'_> {
    pub fn validate(&self, args: &CreateRequestArgs) -> Result<()> {
        validate_new_request(&self.config, &self.model, args)?;
        require!(self.model.mint.is_none(), EscrowError::WrongMint);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: CreateRequestArgs) -> Result<()> {
        let price = ctx.accounts.model.price;
        transfer(
            CpiContext::new(
                ctx.accounts.system_program.key(),
                Transfer {
                    from: ctx.accounts.requester.to_account_info(),
                    to: ctx.accounts.request.to_account_info(),
                },
            ),
            price,
        )?;
        let accounts = &mut *ctx.accounts;
        let new = NewRequest {
            requester: accounts.requester.key(),
            model: accounts.model.key(),
            bump: ctx.bumps.request,
            vault_bump: 0,
        };
        init_request(
            &mut accounts.request,
            new,
            &accounts.model,
            &accounts.config,
            &args,
        )?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        let event = created_event(accounts.request.key(), &accounts.request);
        emit_cpi!(event);
        Ok(())
    }
}
