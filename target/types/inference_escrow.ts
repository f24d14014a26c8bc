/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/inference_escrow.json`.
 */
export type InferenceEscrow = {
  "accounts": [
    {
      "discriminator": [
        155,
        12,
        170,
        224,
        30,
        250,
        204,
        130
      ],
      "name": "config"
    },
    {
      "discriminator": [
        36,
        49,
        241,
        67,
        40,
        36,
        241,
        74
      ],
      "name": "dispute"
    },
    {
      "discriminator": [
        91,
        138,
        17,
        199,
        164,
        111,
        222,
        232
      ],
      "name": "earnings"
    },
    {
      "discriminator": [
        152,
        221,
        247,
        122,
        185,
        125,
        223,
        151
      ],
      "name": "model"
    },
    {
      "discriminator": [
        139,
        194,
        131,
        179,
        140,
        179,
        229,
        244
      ],
      "name": "oracle"
    },
    {
      "discriminator": [
        125,
        172,
        150,
        161,
        162,
        115,
        39,
        71
      ],
      "name": "request"
    }
  ],
  "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
  "constants": [
    {
      "docs": [
        "Most accounts a request's callback may pass to its consumer."
      ],
      "name": "maxCallbackAccounts",
      "type": "u8",
      "value": "8"
    },
    {
      "docs": [
        "Seed prefix of the PDA that signs a request's callback call: `[\"callback\", request]`. It has no",
        "authority anywhere in this program; a consumer that sees the one of request R sign knows the",
        "escrow is delivering R's callback (and only R's: the signature cannot stand for another)."
      ],
      "name": "seedCallback",
      "type": "bytes",
      "value": "[99, 97, 108, 108, 98, 97, 99, 107]"
    },
    {
      "docs": [
        "Seed of the singleton [`crate::state::Config`] PDA: `[\"config\"]`."
      ],
      "name": "seedConfig",
      "type": "bytes",
      "value": "[99, 111, 110, 102, 105, 103]"
    },
    {
      "docs": [
        "Seed prefix of an [`crate::state::Earnings`] PDA (an oracle's SPL shares of one model):",
        "`[\"earnings\", model, oracle]`."
      ],
      "name": "seedEarnings",
      "type": "bytes",
      "value": "[101, 97, 114, 110, 105, 110, 103, 115]"
    },
    {
      "docs": [
        "Seed prefix of an SPL model's fee vault (a token account owned by the model) holding the",
        "royalty, protocol fees and oracle shares owed: `[\"fee_vault\", model]`."
      ],
      "name": "seedFeeVault",
      "type": "bytes",
      "value": "[102, 101, 101, 95, 118, 97, 117, 108, 116]"
    },
    {
      "docs": [
        "Seed prefix of a [`crate::state::Model`] PDA: `[\"model\", owner, model_id]`."
      ],
      "name": "seedModel",
      "type": "bytes",
      "value": "[109, 111, 100, 101, 108]"
    },
    {
      "docs": [
        "Seed prefix of an [`crate::state::Oracle`] PDA: `[\"oracle\", authority]`."
      ],
      "name": "seedOracle",
      "type": "bytes",
      "value": "[111, 114, 97, 99, 108, 101]"
    },
    {
      "docs": [
        "Seed prefix of a [`crate::state::Request`] PDA: `[\"request\", requester, nonce (u64 le)]`."
      ],
      "name": "seedRequest",
      "type": "bytes",
      "value": "[114, 101, 113, 117, 101, 115, 116]"
    },
    {
      "docs": [
        "Seed prefix of an SPL escrow vault (a token account owned by the request): `[\"vault\", request]`."
      ],
      "name": "seedVault",
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    }
  ],
  "errors": [
    {
      "code": 6000,
      "msg": "The signer is not the protocol admin.",
      "name": "notAdmin"
    },
    {
      "code": 6001,
      "msg": "The protocol is paused.",
      "name": "protocolPaused"
    },
    {
      "code": 6002,
      "msg": "A basis-point value is above 10,000.",
      "name": "invalidBps"
    },
    {
      "code": 6003,
      "msg": "A slot window or timeout that must be positive is zero.",
      "name": "zeroSlotWindow"
    },
    {
      "code": 6004,
      "msg": "An inline data limit is above its hard cap (768 input bytes, 384 output bytes).",
      "name": "inlineLimitTooLarge"
    },
    {
      "code": 6005,
      "msg": "The signer is not the model's owner.",
      "name": "notModelOwner"
    },
    {
      "code": 6006,
      "msg": "The tensor schema is invalid: unknown rank, or a dimension that is neither positive nor -1.",
      "name": "invalidSchema"
    },
    {
      "code": 6007,
      "msg": "A URI is empty or longer than 200 bytes.",
      "name": "invalidUri"
    },
    {
      "code": 6008,
      "msg": "The price must be greater than zero.",
      "name": "zeroPrice"
    },
    {
      "code": 6009,
      "msg": "The model is not active.",
      "name": "modelInactive"
    },
    {
      "code": 6010,
      "msg": "The payment mint does not match the model's mint.",
      "name": "wrongMint"
    },
    {
      "code": 6011,
      "msg": "The inline input is longer than the configured maximum.",
      "name": "inputTooLong"
    },
    {
      "code": 6012,
      "msg": "The input does not match the model's input schema.",
      "name": "inputSchemaMismatch"
    },
    {
      "code": 6013,
      "msg": "The input is empty.",
      "name": "emptyInput"
    },
    {
      "code": 6014,
      "msg": "The request time-to-live is outside min_request_ttl_slots..=max_request_ttl_slots.",
      "name": "invalidTtl"
    },
    {
      "code": 6015,
      "msg": "The protocol fee and the model royalty together exceed 100%.",
      "name": "feeSplitTooHigh"
    },
    {
      "code": 6016,
      "msg": "The escrow vault did not receive the full price.",
      "name": "escrowAmountMismatch"
    },
    {
      "code": 6017,
      "msg": "The signer is not the request's requester.",
      "name": "notRequester"
    },
    {
      "code": 6018,
      "msg": "The request is not open.",
      "name": "requestNotOpen"
    },
    {
      "code": 6019,
      "msg": "The request cannot be claimed in its current state.",
      "name": "requestNotClaimable"
    },
    {
      "code": 6020,
      "msg": "The request is claimed and the claim has not timed out.",
      "name": "claimStillActive"
    },
    {
      "code": 6021,
      "msg": "The request is not claimed.",
      "name": "requestNotClaimed"
    },
    {
      "code": 6022,
      "msg": "The oracle is not the one that claimed the request.",
      "name": "notClaimingOracle"
    },
    {
      "code": 6023,
      "msg": "The request's deadline has passed.",
      "name": "deadlinePassed"
    },
    {
      "code": 6024,
      "msg": "The request is not fulfilled.",
      "name": "requestNotFulfilled"
    },
    {
      "code": 6025,
      "msg": "The challenge window is still open.",
      "name": "challengeWindowOpen"
    },
    {
      "code": 6026,
      "msg": "The challenge window has closed.",
      "name": "challengeWindowClosed"
    },
    {
      "code": 6027,
      "msg": "The request is already settled.",
      "name": "requestAlreadySettled"
    },
    {
      "code": 6028,
      "msg": "The request is not challenged.",
      "name": "requestNotChallenged"
    },
    {
      "code": 6029,
      "msg": "The request's deadline has not passed yet.",
      "name": "deadlineNotReached"
    },
    {
      "code": 6030,
      "msg": "A result was posted for this request; it cannot be refunded by expiry.",
      "name": "resultAlreadyPosted"
    },
    {
      "code": 6031,
      "msg": "The request is not in a terminal state.",
      "name": "requestNotTerminal"
    },
    {
      "code": 6032,
      "msg": "The oracle's stake is below the minimum.",
      "name": "stakeTooLow"
    },
    {
      "code": 6033,
      "msg": "The oracle is not active.",
      "name": "oracleNotActive"
    },
    {
      "code": 6034,
      "msg": "The oracle is not unbonding.",
      "name": "oracleNotUnbonding"
    },
    {
      "code": 6035,
      "msg": "The oracle's unbonding period has not ended.",
      "name": "stillUnbonding"
    },
    {
      "code": 6036,
      "msg": "The oracle still has requests it claimed that are not finished.",
      "name": "oracleHasOpenRequests"
    },
    {
      "code": 6037,
      "msg": "The signer is not the oracle's authority.",
      "name": "notOracleAuthority"
    },
    {
      "code": 6038,
      "msg": "The amount must be greater than zero.",
      "name": "zeroAmount"
    },
    {
      "code": 6039,
      "msg": "The instruction before this one is not an Ed25519 signature verification.",
      "name": "missingEd25519Instruction"
    },
    {
      "code": 6040,
      "msg": "The Ed25519 instruction is malformed or verifies other than exactly one signature.",
      "name": "malformedEd25519Instruction"
    },
    {
      "code": 6041,
      "msg": "The Ed25519 instruction reads its signature, key or message from another instruction.",
      "name": "ed25519DataNotInline"
    },
    {
      "code": 6042,
      "msg": "The result was not signed by the oracle's attestation key.",
      "name": "attestationKeyMismatch"
    },
    {
      "code": 6043,
      "msg": "The signed message does not match this request, model, input, output and status.",
      "name": "attestationMessageMismatch"
    },
    {
      "code": 6044,
      "msg": "The output is longer than the space reserved for it.",
      "name": "outputTooLong"
    },
    {
      "code": 6045,
      "msg": "The output does not match the model's output schema.",
      "name": "outputSchemaMismatch"
    },
    {
      "code": 6046,
      "msg": "The output is empty.",
      "name": "emptyOutput"
    },
    {
      "code": 6047,
      "msg": "The failure reason is longer than 128 bytes.",
      "name": "failReasonTooLong"
    },
    {
      "code": 6048,
      "msg": "An SPL-token request needs its mint, vault, token program and the payees' token accounts.",
      "name": "tokenAccountsMissing"
    },
    {
      "code": 6049,
      "msg": "A SOL request was given token accounts.",
      "name": "unexpectedTokenAccounts"
    },
    {
      "code": 6050,
      "msg": "The vault is not this request's escrow vault.",
      "name": "invalidVault"
    },
    {
      "code": 6051,
      "msg": "A token account does not belong to the party it pays.",
      "name": "wrongTokenAccountOwner"
    },
    {
      "code": 6052,
      "msg": "The token program does not own the payment mint.",
      "name": "wrongTokenProgram"
    },
    {
      "code": 6053,
      "msg": "An account does not match the one recorded in the request, model, oracle or config.",
      "name": "accountMismatch"
    },
    {
      "code": 6054,
      "msg": "Arithmetic overflow in a money or slot computation.",
      "name": "mathOverflow"
    },
    {
      "code": 6055,
      "msg": "An account's invariant does not hold; the instruction was aborted.",
      "name": "invariantViolated"
    },
    {
      "code": 6056,
      "msg": "The request has already been refunded.",
      "name": "alreadyRefunded"
    },
    {
      "code": 6057,
      "msg": "The request no longer has the model, input hash, price and deadline the claim names.",
      "name": "claimTermsMismatch"
    },
    {
      "code": 6058,
      "msg": "Fewer than min_fulfil_slots slots remain before the request's deadline.",
      "name": "tooLateToClaim"
    },
    {
      "code": 6059,
      "msg": "The oracle's stake not locked by its other claims is below this request's claim bond.",
      "name": "insufficientFreeStake"
    },
    {
      "code": 6060,
      "msg": "A slot window or limit is outside its documented range.",
      "name": "windowOutOfRange"
    },
    {
      "code": 6061,
      "msg": "The ttl bounds must satisfy min_fulfil_slots < min_request_ttl_slots <= max_request_ttl_slots.",
      "name": "ttlBoundsInvalid"
    },
    {
      "code": 6062,
      "msg": "min_claim_bond is above min_oracle_stake, so a minimally staked oracle could never claim.",
      "name": "claimBondAboveMinStake"
    },
    {
      "code": 6063,
      "msg": "The mint charges a transfer fee (Token-2022 transfer fee extension).",
      "name": "mintHasTransferFee"
    },
    {
      "code": 6064,
      "msg": "The mint has a permanent delegate that could take the escrow.",
      "name": "mintHasPermanentDelegate"
    },
    {
      "code": 6065,
      "msg": "The mint calls a transfer hook on every transfer.",
      "name": "mintHasTransferHook"
    },
    {
      "code": 6066,
      "msg": "The mint can be paused.",
      "name": "mintIsPausable"
    },
    {
      "code": 6067,
      "msg": "The mint's tokens cannot be transferred.",
      "name": "mintIsNonTransferable"
    },
    {
      "code": 6068,
      "msg": "The mint sets the state of new token accounts (they could start frozen).",
      "name": "mintHasDefaultAccountState"
    },
    {
      "code": 6069,
      "msg": "The mint supports confidential transfers.",
      "name": "mintHasConfidentialTransfers"
    },
    {
      "code": 6070,
      "msg": "The mint has a Token-2022 extension this program does not accept.",
      "name": "mintExtensionNotAllowed"
    },
    {
      "code": 6071,
      "msg": "A token account this payout moves through is frozen; the payout waits until it is thawed.",
      "name": "tokenAccountFrozen"
    },
    {
      "code": 6072,
      "msg": "Nothing is owed to this payee.",
      "name": "nothingOwed"
    },
    {
      "code": 6073,
      "msg": "The payee account would stay below rent exemption after this payout; fund it first.",
      "name": "payeeCannotReceive"
    },
    {
      "code": 6074,
      "msg": "The request's token payout has not been moved to the model's fee vault yet (release_payout).",
      "name": "payoutPending"
    },
    {
      "code": 6075,
      "msg": "The request has no token payout waiting to be released.",
      "name": "payoutNotPending"
    },
    {
      "code": 6076,
      "msg": "The declared output size is zero for a dynamic output schema, or differs from a static one.",
      "name": "invalidOutputLimit"
    },
    {
      "code": 6077,
      "msg": "This model's outputs fit inline and must be posted inline.",
      "name": "outputMustBeInline"
    },
    {
      "code": 6078,
      "msg": "This model's outputs are larger than the inline limit and must be posted by URI.",
      "name": "outputMustBeUri"
    },
    {
      "code": 6079,
      "msg": "The earnings account is not this oracle's for this model.",
      "name": "invalidEarningsAccount"
    },
    {
      "code": 6080,
      "msg": "The fee vault is not this model's.",
      "name": "invalidFeeVault"
    },
    {
      "code": 6081,
      "msg": "The arbiter's time to resolve the challenge has not run out.",
      "name": "arbitrationPending"
    },
    {
      "code": 6082,
      "msg": "The account to create already exists.",
      "name": "accountAlreadyExists"
    },
    {
      "code": 6083,
      "msg": "The mint has a close authority: it could be closed and re-created with other rules.",
      "name": "mintHasCloseAuthority"
    },
    {
      "code": 6084,
      "msg": "The model's price is above the most the requester agreed to pay.",
      "name": "priceAboveMax"
    },
    {
      "code": 6085,
      "msg": "min_claim_bond must be positive: every claim must put stake at risk.",
      "name": "claimBondZero"
    },
    {
      "code": 6086,
      "msg": "A verification policy's replicas must be 1 to 7.",
      "name": "invalidReplicas"
    },
    {
      "code": 6087,
      "msg": "A verification policy's quorum must be a majority of its replicas, and no more than them.",
      "name": "invalidQuorum"
    },
    {
      "code": 6088,
      "msg": "A tolerance must be a finite, non-negative f32.",
      "name": "invalidTolerance"
    },
    {
      "code": 6089,
      "msg": "Tolerance, Argmax and Median compare f32 outputs only.",
      "name": "compareNeedsF32Output"
    },
    {
      "code": 6090,
      "msg": "Argmax needs the output's last axis to have a static size.",
      "name": "argmaxNeedsStaticLastAxis"
    },
    {
      "code": 6091,
      "msg": "A quorum model's outputs must fit inline (they are compared on-chain).",
      "name": "quorumNeedsInlineOutput"
    },
    {
      "code": 6092,
      "msg": "This is a quorum request: oracles take seats (claim_seat), not the whole request.",
      "name": "quorumRequest"
    },
    {
      "code": 6093,
      "msg": "This is not a quorum request (or dispute round): use claim_request.",
      "name": "notAQuorumRequest"
    },
    {
      "code": 6094,
      "msg": "Every seat of this round is taken.",
      "name": "seatsFull"
    },
    {
      "code": 6095,
      "msg": "This oracle already holds a seat in this round.",
      "name": "alreadySeated"
    },
    {
      "code": 6096,
      "msg": "This oracle holds no seat in this round.",
      "name": "notSeated"
    },
    {
      "code": 6097,
      "msg": "This seat has already committed (or failed).",
      "name": "alreadyCommitted"
    },
    {
      "code": 6098,
      "msg": "The commit window of this round has closed.",
      "name": "commitWindowClosed"
    },
    {
      "code": 6099,
      "msg": "This seat has no commitment to reveal.",
      "name": "notCommitted"
    },
    {
      "code": 6100,
      "msg": "Reveals open once every seat has committed, or when the commit window closes.",
      "name": "revealNotOpen"
    },
    {
      "code": 6101,
      "msg": "The reveal window of this round has closed.",
      "name": "revealWindowClosed"
    },
    {
      "code": 6102,
      "msg": "The revealed output and salt do not hash to the seat's commitment.",
      "name": "revealMismatch"
    },
    {
      "code": 6103,
      "msg": "The round can still change: seats may still commit or reveal.",
      "name": "roundStillOpen"
    },
    {
      "code": 6104,
      "msg": "Oracles hold seats in this request: it ends through finalize_quorum.",
      "name": "seatsHeld"
    },
    {
      "code": 6105,
      "msg": "The remaining accounts must be the seats' Oracle accounts (then their earnings), in seat order, writable.",
      "name": "seatAccountsMismatch"
    },
    {
      "code": 6106,
      "msg": "challenge_bond must be positive: a challenge pays for its re-execution.",
      "name": "challengeBondZero"
    },
    {
      "code": 6107,
      "msg": "This round has been finalized (or its request is no longer open).",
      "name": "roundClosed"
    },
    {
      "code": 6108,
      "msg": "Oracles that produced the challenged result cannot re-execute it.",
      "name": "challengedOracle"
    },
    {
      "code": 6109,
      "msg": "Only the requester or the request's named challenger may challenge it.",
      "name": "notChallenger"
    },
    {
      "code": 6110,
      "msg": "This result was already challenged and found right; it cannot be challenged again.",
      "name": "alreadyDisputed"
    },
    {
      "code": 6111,
      "msg": "A dispute is open on this request: it ends through finalize_dispute.",
      "name": "disputeInProgress"
    },
    {
      "code": 6112,
      "msg": "The arbiter decides only after a re-execution round found no quorum.",
      "name": "arbiterNotNeeded"
    },
    {
      "code": 6113,
      "msg": "The arbiter's time to decide has run out; finalize_dispute refunds the request.",
      "name": "arbitrationTimedOut"
    },
    {
      "code": 6114,
      "msg": "The dispute has not been decided yet.",
      "name": "disputeNotDecided"
    },
    {
      "code": 6115,
      "msg": "dispute_window_slots must exceed min_fulfil_slots, or no re-executor could take a seat.",
      "name": "disputeWindowTooShort"
    },
    {
      "code": 6116,
      "msg": "Tolerance, Argmax and Median need outputs that fit inline: a result posted by URI can be compared by its hash only.",
      "name": "compareNeedsInlineOutput"
    },
    {
      "code": 6117,
      "msg": "A callback cannot call inference_escrow itself.",
      "name": "invalidCallback"
    },
    {
      "code": 6118,
      "msg": "A callback may pass at most MAX_CALLBACK_ACCOUNTS (8) accounts.",
      "name": "callbackTooLarge"
    },
    {
      "code": 6119,
      "msg": "This request names no callback.",
      "name": "noCallback"
    },
    {
      "code": 6120,
      "msg": "The callback was already delivered; it is called once.",
      "name": "callbackDelivered"
    },
    {
      "code": 6121,
      "msg": "The callback program or its accounts are not the ones the request names (in order, writable where it says).",
      "name": "callbackAccountsMismatch"
    }
  ],
  "events": [
    {
      "discriminator": [
        57,
        82,
        155,
        37,
        152,
        78,
        177,
        153
      ],
      "name": "callbackDelivered"
    },
    {
      "discriminator": [
        100,
        153,
        38,
        123,
        172,
        250,
        166,
        105
      ],
      "name": "challengeResolved"
    },
    {
      "discriminator": [
        181,
        49,
        200,
        156,
        19,
        167,
        178,
        91
      ],
      "name": "configInitialized"
    },
    {
      "discriminator": [
        40,
        241,
        230,
        122,
        11,
        19,
        198,
        194
      ],
      "name": "configUpdated"
    },
    {
      "discriminator": [
        171,
        46,
        157,
        35,
        78,
        224,
        13,
        173
      ],
      "name": "disputeClosed"
    },
    {
      "discriminator": [
        178,
        61,
        187,
        30,
        188,
        104,
        151,
        97
      ],
      "name": "disputeDecided"
    },
    {
      "discriminator": [
        220,
        196,
        19,
        71,
        42,
        237,
        219,
        138
      ],
      "name": "modelRegistered"
    },
    {
      "discriminator": [
        176,
        73,
        246,
        100,
        211,
        248,
        16,
        248
      ],
      "name": "modelUpdated"
    },
    {
      "discriminator": [
        97,
        225,
        241,
        71,
        180,
        49,
        38,
        60
      ],
      "name": "oracleRegistered"
    },
    {
      "discriminator": [
        224,
        63,
        229,
        26,
        109,
        54,
        142,
        81
      ],
      "name": "oracleStakeChanged"
    },
    {
      "discriminator": [
        10,
        198,
        101,
        212,
        15,
        237,
        75,
        105
      ],
      "name": "oracleUnbondingBegan"
    },
    {
      "discriminator": [
        209,
        167,
        171,
        94,
        239,
        48,
        45,
        120
      ],
      "name": "payoutCollected"
    },
    {
      "discriminator": [
        245,
        195,
        37,
        2,
        200,
        70,
        126,
        210
      ],
      "name": "payoutReleased"
    },
    {
      "discriminator": [
        91,
        56,
        197,
        156,
        87,
        157,
        214,
        67
      ],
      "name": "requestCancelled"
    },
    {
      "discriminator": [
        110,
        18,
        224,
        137,
        236,
        253,
        137,
        194
      ],
      "name": "requestChallenged"
    },
    {
      "discriminator": [
        48,
        120,
        100,
        163,
        242,
        237,
        68,
        230
      ],
      "name": "requestClaimed"
    },
    {
      "discriminator": [
        59,
        172,
        99,
        75,
        9,
        19,
        226,
        188
      ],
      "name": "requestClosed"
    },
    {
      "discriminator": [
        102,
        44,
        0,
        225,
        163,
        110,
        167,
        187
      ],
      "name": "requestCreated"
    },
    {
      "discriminator": [
        164,
        236,
        103,
        149,
        93,
        204,
        191,
        211
      ],
      "name": "requestFailed"
    },
    {
      "discriminator": [
        2,
        49,
        180,
        93,
        239,
        134,
        203,
        58
      ],
      "name": "requestFulfilled"
    },
    {
      "discriminator": [
        126,
        255,
        48,
        225,
        122,
        117,
        26,
        159
      ],
      "name": "requestRefunded"
    },
    {
      "discriminator": [
        20,
        29,
        49,
        112,
        223,
        127,
        163,
        81
      ],
      "name": "requestSettled"
    },
    {
      "discriminator": [
        43,
        187,
        17,
        193,
        36,
        241,
        48,
        82
      ],
      "name": "roundFinalized"
    },
    {
      "discriminator": [
        252,
        5,
        62,
        111,
        207,
        187,
        140,
        97
      ],
      "name": "seatClaimed"
    },
    {
      "discriminator": [
        156,
        117,
        235,
        78,
        107,
        125,
        6,
        29
      ],
      "name": "seatCommitted"
    },
    {
      "discriminator": [
        82,
        128,
        11,
        92,
        245,
        45,
        121,
        129
      ],
      "name": "seatFailed"
    },
    {
      "discriminator": [
        0,
        70,
        106,
        232,
        194,
        132,
        240,
        75
      ],
      "name": "seatRevealed"
    },
    {
      "discriminator": [
        32,
        9,
        67,
        129,
        165,
        179,
        88,
        7
      ],
      "name": "seatSettled"
    }
  ],
  "instructions": [
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "amount",
          "type": "u64"
        }
      ],
      "discriminator": [
        58,
        135,
        189,
        105,
        160,
        120,
        165,
        224
      ],
      "docs": [
        "Oracle authority, while active: adds `amount` lamports of stake."
      ],
      "name": "addStake"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        187,
        111,
        29,
        242,
        233,
        132,
        154,
        126
      ],
      "docs": [
        "Oracle authority, while active: stops new claims and starts the unbonding period."
      ],
      "name": "beginUnbonding"
    },
    {
      "accounts": [
        {
          "docs": [
            "Receives the refund and the rent."
          ],
          "name": "requester",
          "relations": [
            "request"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL requests: the request's vault, emptied and closed."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: a token account of the requester, credited with the refund."
          ],
          "name": "requesterToken",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        65,
        196,
        177,
        247,
        83,
        151,
        33,
        130
      ],
      "docs": [
        "Requester, while open: refunds in full and closes the request (and its vault)."
      ],
      "name": "cancelRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "The requester or the request's named challenger; posts the challenge bond and pays the",
            "dispute's rent (both returned on close unless the result is confirmed, when the bond",
            "pays the re-executors)."
          ],
          "name": "challenger",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The dispute `[\"dispute\", request]`, created here."
          ],
          "name": "dispute",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        190,
        48,
        2,
        2,
        211,
        112,
        114,
        112
      ],
      "docs": [
        "Requester or the request's named challenger, within the challenge window after",
        "fulfilment, once: posts `challenge_bond` lamports and opens a re-execution round at",
        "`[\"dispute\", request]` (`dispute_replicas` seats for oracles that did not produce the",
        "result, compared by the model's rule). `finalize_dispute` decides it; the arbiter only",
        "after a round without quorum."
      ],
      "name": "challengeRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "The oracle's authority; pays the rent of its earnings account on its first claim of an",
            "SPL model's request."
          ],
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The oracle whose timed-out claim is being taken over; required exactly when the request",
            "is claimed by another oracle."
          ],
          "name": "previousOracle",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the oracle's earnings account for the request's model,",
            "`[\"earnings\", model, oracle]`, created on the first claim."
          ],
          "name": "earnings",
          "optional": true,
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "terms",
          "type": {
            "defined": {
              "name": "claimRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        83,
        18,
        38,
        149,
        130,
        72,
        123,
        221
      ],
      "docs": [
        "Active oracle with enough stake: claims an open request, or takes over a claim older",
        "than `claim_timeout_slots` (pass the previous claimer as `previous_oracle`; its bond is",
        "released and its no-show count goes up). `terms` must match the request as it stands;",
        "at least `min_fulfil_slots` must remain before the deadline; the claim locks a bond of",
        "`max(min_claim_bond, price * claim_bond_bps / 10_000)` lamports of free stake. SPL",
        "requests pass the oracle's `earnings` account for the model (created on first use)."
      ],
      "name": "claimRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "The oracle's authority; pays the rent of its earnings account on its first seat in an",
            "SPL model's request."
          ],
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "A seat in this dispute's re-execution round; omit for the request's own round."
          ],
          "name": "dispute",
          "optional": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "A seat in an SPL request's own round: the oracle's earnings account for the model",
            "(created on first use). Dispute seats are paid in lamports and pass none."
          ],
          "name": "earnings",
          "optional": true,
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "terms",
          "type": {
            "defined": {
              "name": "claimRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        47,
        217,
        3,
        139,
        51,
        238,
        55,
        107
      ],
      "docs": [
        "Active oracle with enough free stake: takes a seat in a quorum request's round, or in a",
        "dispute's re-execution round (pass `dispute`; oracles that produced the challenged result",
        "are refused with `ChallengedOracle`). Locks a claim bond; at least `min_fulfil_slots`",
        "must remain before the round's commit deadline. Refusals: `NotAQuorumRequest`,",
        "`RoundClosed`, `AlreadySeated`, `SeatsFull`, `CommitWindowClosed`, `TooLateToClaim`."
      ],
      "name": "claimSeat"
    },
    {
      "accounts": [
        {
          "name": "challenger",
          "relations": [
            "dispute"
          ],
          "writable": true
        },
        {
          "name": "dispute",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "account": "dispute",
                "kind": "account",
                "path": "dispute.request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        60,
        18,
        92,
        170,
        100,
        195,
        146,
        196
      ],
      "docs": [
        "Anyone, once a dispute is decided: closes it, returning its rent and any challenge bond",
        "it still holds to the challenger."
      ],
      "name": "closeDispute"
    },
    {
      "accounts": [
        {
          "docs": [
            "Receives the refund owed (failed, expired, refunded requests) and the rent of the",
            "request and its vault."
          ],
          "name": "requester",
          "relations": [
            "request"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL requests: the request's vault, emptied and closed."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: a token account of the requester, credited with the refund and anything",
            "else sent to the vault."
          ],
          "name": "requesterToken",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        170,
        46,
        165,
        120,
        223,
        102,
        115,
        2
      ],
      "docs": [
        "Requester, in a terminal state: collects any refund owed and closes the request (and",
        "its vault), returning the rent."
      ],
      "name": "closeRequest"
    },
    {
      "accounts": [
        {
          "name": "earnings",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  101,
                  97,
                  114,
                  110,
                  105,
                  110,
                  103,
                  115
                ]
              },
              {
                "account": "earnings",
                "kind": "account",
                "path": "earnings.model"
              },
              {
                "account": "earnings",
                "kind": "account",
                "path": "earnings.oracle"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model",
          "writable": true
        },
        {
          "name": "mint"
        },
        {
          "docs": [
            "The model's fee vault."
          ],
          "name": "feeVault",
          "writable": true
        },
        {
          "docs": [
            "A token account of the mint owned by the oracle's authority."
          ],
          "name": "authorityToken",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        144,
        136,
        32,
        192,
        183,
        189,
        133,
        69
      ],
      "docs": [
        "Pays an oracle's SPL shares of one model to a token account of its authority."
      ],
      "name": "collectEarnings"
    },
    {
      "accounts": [
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "authority",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        36,
        158,
        54,
        58,
        21,
        8,
        231,
        90
      ],
      "docs": [
        "Pays an oracle's SOL fees owed to its authority."
      ],
      "name": "collectOracleFees"
    },
    {
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.owner"
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.model_id"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "treasury",
          "writable": true
        },
        {
          "docs": [
            "SPL models: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL models: the model's fee vault."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL models: a token account of the mint owned by the treasury."
          ],
          "name": "treasuryToken",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        22,
        67,
        23,
        98,
        150,
        178,
        70,
        220
      ],
      "docs": [
        "Pays a model's protocol fees owed to the config's treasury."
      ],
      "name": "collectProtocolFees"
    },
    {
      "accounts": [
        {
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.owner"
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.model_id"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "owner",
          "writable": true
        },
        {
          "docs": [
            "SPL models: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL models: the model's fee vault."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL models: a token account of the mint owned by the model's owner."
          ],
          "name": "ownerToken",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        189,
        235,
        7,
        168,
        255,
        50,
        30,
        75
      ],
      "docs": [
        "Pays a model's royalty owed to its owner (SOL, or tokens to the owner's token account)."
      ],
      "name": "collectRoyalty"
    },
    {
      "accounts": [
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "treasury",
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        241,
        86,
        133,
        18,
        192,
        142,
        153,
        192
      ],
      "docs": [
        "Pays the slashed claim bonds held in the config to the treasury."
      ],
      "name": "collectSlashes"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          }
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The dispute whose round the seat is in; omit for the request's own round."
          ],
          "name": "dispute",
          "optional": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructions"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "commitSeatArgs"
            }
          }
        }
      ],
      "discriminator": [
        163,
        132,
        53,
        174,
        241,
        206,
        126,
        233
      ],
      "docs": [
        "Seated oracle, by the commit deadline: commits to its output. The instruction just before",
        "must be an Ed25519 instruction signing the result message with status 3 (`Committed`),",
        "the commitment as the output hash and the round's account (dispute or request)."
      ],
      "name": "commitSeat"
    },
    {
      "accounts": [
        {
          "docs": [
            "Pays the price into escrow and the account rent."
          ],
          "name": "requester",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.owner"
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.model_id"
              }
            ]
          }
        },
        {
          "docs": [
            "The request, created here (also when someone funded its address first)."
          ],
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "requester"
              },
              {
                "kind": "arg",
                "path": "args.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "createRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        219,
        191,
        93,
        237,
        18,
        44,
        42,
        84
      ],
      "docs": [
        "Creates a request paid in SOL: escrows the model's current price in the request account."
      ],
      "name": "createRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "Pays the price (in tokens) into escrow and the rent of the request and its vault."
          ],
          "name": "requester",
          "signer": true,
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.owner"
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.model_id"
              }
            ]
          }
        },
        {
          "docs": [
            "The request, created here (also when someone funded its address first)."
          ],
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "requester"
              },
              {
                "kind": "arg",
                "path": "args.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The model's payment mint."
          ],
          "name": "mint"
        },
        {
          "docs": [
            "The requester's token account the price is paid from."
          ],
          "name": "requesterToken",
          "writable": true
        },
        {
          "docs": [
            "Escrow vault, a token account owned by the request, created here."
          ],
          "name": "vault",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  118,
                  97,
                  117,
                  108,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "createRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        231,
        235,
        91,
        49,
        131,
        84,
        197,
        220
      ],
      "docs": [
        "Creates a request paid in the model's SPL mint (SPL Token or Token-2022, screened again):",
        "escrows the price in a vault owned by the request."
      ],
      "name": "createRequestToken"
    },
    {
      "accounts": [
        {
          "docs": [
            "The ended request; passed to the consumer read-only, marked delivered here."
          ],
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Signs the call so the consumer knows the escrow delivers this request's callback; it",
            "signs nothing else."
          ],
          "name": "callbackAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  97,
                  108,
                  108,
                  98,
                  97,
                  99,
                  107
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          }
        },
        {
          "docs": [
            "The program the request's callback names."
          ],
          "name": "callbackProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        75,
        178,
        82,
        149,
        119,
        28,
        57,
        254
      ],
      "docs": [
        "Anyone, once a request has ended (settled, failed, expired or refunded): calls the",
        "consumer instruction its callback names, once, with the request, the escrow's callback",
        "authority `[\"callback\", request]` signing, and the callback's accounts (as remaining accounts,",
        "in order). A failing consumer fails only this instruction; the request's outcome and",
        "payouts never depend on it."
      ],
      "name": "deliverCallback"
    },
    {
      "accounts": [
        {
          "docs": [
            "Receives a no-show's slashed bond for the treasury."
          ],
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The oracle holding the request; required exactly when it is claimed or challenged."
          ],
          "name": "oracle",
          "optional": true,
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        219,
        189,
        105,
        97,
        227,
        47,
        124,
        23
      ],
      "docs": [
        "Anyone: ends an open or claimed request after its deadline (a claimer's bond is slashed",
        "to the treasury; pass it as `oracle`). The escrow is owed back to the requester. A",
        "challenged request ends through `finalize_dispute` (`DisputeInProgress`), a quorum",
        "request with bonded seats through `finalize_quorum` (`SeatsHeld`)."
      ],
      "name": "expireRequest"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructions"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "failRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        126,
        240,
        182,
        253,
        247,
        86,
        233,
        66
      ],
      "docs": [
        "Claiming oracle, by the deadline: reports that the input cannot be run, with a signed",
        "failure (status 2, output hash = SHA-256 of `reason`). Its bond is released; the escrow",
        "is owed back to the requester; nobody is paid. After the deadline only `expire_request`",
        "(with its slash) applies."
      ],
      "name": "failRequest"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The dispute whose round the seat is in; omit for the request's own round."
          ],
          "name": "dispute",
          "optional": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructions"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "failRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        138,
        14,
        39,
        172,
        242,
        220,
        171,
        171
      ],
      "docs": [
        "Seated oracle that has not committed, by the commit deadline: reports (signed, status 2)",
        "that it cannot run the input. Its bond is released; it takes no part in the outcome."
      ],
      "name": "failSeat"
    },
    {
      "accounts": [
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "dispute",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "docs": [
            "Owed silent re-executors' bonds after a round without quorum."
          ],
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        190,
        211,
        17,
        122,
        247,
        157,
        27,
        223
      ],
      "docs": [
        "Anyone, once a dispute's round has ended: confirms the result (the challenge bond pays",
        "the agreeing re-executors; the request settles at once), overturns it (its producers'",
        "bonds pay the agreeing re-executors; the requester is refunded; the bond is returned),",
        "or records a round without quorum (the arbiter decides). After a round without quorum",
        "and `arbitration_timeout_slots`, refunds the request without slashing the result's",
        "producers. Remaining accounts: the dispute seats' Oracle accounts, then the result's",
        "(the holder, or every seat of a quorum request), in order."
      ],
      "name": "finalizeDispute"
    },
    {
      "accounts": [
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "docs": [
            "Owed the no-shows' bonds when the round ends without consensus."
          ],
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        150,
        75,
        200,
        115,
        28,
        182,
        119,
        71
      ],
      "docs": [
        "Anyone, once no seat of a quorum request can act: with `quorum` agreeing outputs the",
        "request is Fulfilled with the agreed output; without, it is refunded and no-shows are",
        "slashed to the treasury. Remaining accounts: the seats' Oracle accounts, in seat order."
      ],
      "name": "finalizeQuorum"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructions"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "fulfillRequestArgs"
            }
          }
        }
      ],
      "discriminator": [
        5,
        72,
        5,
        37,
        184,
        185,
        63,
        123
      ],
      "docs": [
        "Claiming oracle, by the deadline: posts the output (inline when the request reserved",
        "inline space, else by URI). The instruction just before this one must be an Ed25519",
        "precompile instruction signing the result message (status 1) with the oracle's",
        "attestation key, all data inline."
      ],
      "name": "fulfillRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "Becomes the config admin; pays for the account."
          ],
          "name": "admin",
          "signer": true,
          "writable": true
        },
        {
          "docs": [
            "The config, created here (also when someone funded its address first)."
          ],
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "params",
          "type": {
            "defined": {
              "name": "configParams"
            }
          }
        }
      ],
      "discriminator": [
        208,
        127,
        21,
        1,
        194,
        190,
        196,
        70
      ],
      "docs": [
        "Creates the protocol config once. The signer becomes admin and arbiter. Every parameter",
        "is checked against its documented range (`InvalidBps`, `ZeroSlotWindow`,",
        "`WindowOutOfRange`, `TtlBoundsInvalid`, `ClaimBondAboveMinStake`, `InlineLimitTooLarge`)."
      ],
      "name": "initializeConfig"
    },
    {
      "accounts": [
        {
          "docs": [
            "Pays the rent of the model (and of its fee vault)."
          ],
          "name": "owner",
          "signer": true,
          "writable": true
        },
        {
          "docs": [
            "The model, created here (also when someone funded its address first)."
          ],
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "kind": "account",
                "path": "owner"
              },
              {
                "kind": "arg",
                "path": "args.model_id"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Payment mint (SPL Token or Token-2022); omit for SOL payments."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL models: the fee vault `[\"fee_vault\", model]`, created here."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL models: the token program that owns the mint."
          ],
          "name": "tokenProgram",
          "optional": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "registerModelArgs"
            }
          }
        }
      ],
      "discriminator": [
        111,
        236,
        93,
        31,
        195,
        210,
        142,
        125
      ],
      "docs": [
        "Registers a model at `[\"model\", owner, model_id]`: ONNX file hash, I/O schemas, largest",
        "output, price, payment mint (pass `mint`, `fee_vault` and `token_program` for SPL, omit",
        "them for SOL), royalty and URI. An SPL mint is screened (hostile Token-2022 extensions",
        "are refused) and the model's fee vault is created. Starts active."
      ],
      "name": "registerModel"
    },
    {
      "accounts": [
        {
          "docs": [
            "Operator wallet; pays the account rent and the stake."
          ],
          "name": "authority",
          "signer": true,
          "writable": true
        },
        {
          "docs": [
            "The ed25519 key that will sign results. It signs this registration to prove possession,",
            "so nobody can register another oracle's key and replay its signatures."
          ],
          "name": "attestationKey",
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          }
        },
        {
          "docs": [
            "The oracle account, created here (also when someone funded its address first)."
          ],
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "authority"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "stake",
          "type": "u64"
        }
      ],
      "discriminator": [
        176,
        200,
        234,
        37,
        199,
        129,
        164,
        111
      ],
      "docs": [
        "Registers the signer as an oracle with `stake` lamports (at least `min_oracle_stake`).",
        "The attestation key co-signs to prove possession."
      ],
      "name": "registerOracle"
    },
    {
      "accounts": [
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model",
          "writable": true
        },
        {
          "name": "mint"
        },
        {
          "name": "vault",
          "writable": true
        },
        {
          "name": "feeVault",
          "writable": true
        },
        {
          "docs": [
            "The earnings of the oracle that settled the request, for its model (its share is",
            "credited there; the Oracle account itself is not needed and may be closed by now). For a",
            "quorum request, the first agreeing seat's; the other agreeing seats' earnings follow as",
            "remaining accounts, in seat order, writable."
          ],
          "name": "earnings",
          "writable": true
        },
        {
          "name": "tokenProgram"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        181,
        87,
        198,
        92,
        64,
        3,
        24,
        155
      ],
      "docs": [
        "Anyone: moves the tokens of a settled SPL request whose payout a frozen vault deferred",
        "to the model's fee vault, once thawed, and credits the owed balances. For a quorum",
        "request, the other agreeing seats' earnings follow as remaining accounts."
      ],
      "name": "releasePayout"
    },
    {
      "accounts": [
        {
          "docs": [
            "The config admin, acting as arbiter."
          ],
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "docs": [
            "Receives slashed bonds for the treasury."
          ],
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The request's dispute, whose round found no quorum."
          ],
          "name": "dispute",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model",
          "writable": true
        },
        {
          "docs": [
            "Single-oracle requests: the holder. Omitted for quorum requests."
          ],
          "name": "oracle",
          "optional": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL requests: the request's vault."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL single-oracle requests: the model's fee vault (when the oracle was right)."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL single-oracle requests: the oracle's earnings for the model (when it was right)."
          ],
          "name": "earnings",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "oracleWasWrong",
          "type": "bool"
        }
      ],
      "discriminator": [
        81,
        191,
        124,
        119,
        131,
        248,
        157,
        109
      ],
      "docs": [
        "Admin (arbiter) only, as a last resort: after a dispute's re-execution round found no",
        "quorum (`ArbiterNotNeeded` otherwise) and within `arbitration_timeout_slots` of that",
        "(`ArbitrationTimedOut`). `oracle_was_wrong` slashes the result's producers to the",
        "challenger (with its bond, paid on `close_dispute`) and owes the escrow back to the",
        "requester; otherwise the result stands (a single-oracle request settles now) and the",
        "challenge bond compensates its producers. Neither decision pays the treasury."
      ],
      "name": "resolveChallenge"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          }
        },
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The dispute whose round the seat is in; omit for the request's own round."
          ],
          "name": "dispute",
          "optional": true,
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  100,
                  105,
                  115,
                  112,
                  117,
                  116,
                  101
                ]
              },
              {
                "kind": "account",
                "path": "request"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "model"
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "revealSeatArgs"
            }
          }
        }
      ],
      "discriminator": [
        166,
        65,
        235,
        174,
        38,
        222,
        230,
        166
      ],
      "docs": [
        "Seated oracle that committed, once reveals are open (every seat committed, or the commit",
        "deadline passed) and until the reveal deadline: reveals its output and salt",
        "(`RevealNotOpen`, `RevealWindowClosed`, `RevealMismatch`, `OutputSchemaMismatch`)."
      ],
      "name": "revealSeat"
    },
    {
      "accounts": [
        {
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "paused",
          "type": "bool"
        }
      ],
      "discriminator": [
        91,
        60,
        125,
        192,
        176,
        225,
        166,
        218
      ],
      "docs": [
        "Admin only: pauses or unpauses. While paused no request is created or claimed and no",
        "oracle registers; results, settlement, refunds and payouts keep working."
      ],
      "name": "setPaused"
    },
    {
      "accounts": [
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Credited with the royalty and the protocol fee."
          ],
          "name": "model",
          "writable": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL requests: the request's vault."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the model's fee vault."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        22,
        236,
        114,
        164,
        119,
        251,
        209,
        142
      ],
      "docs": [
        "Anyone, after a fulfilled quorum request's challenge window: pays the agreeing seats",
        "equally, releases their bonds and gives them the bonds of disagreeing and silent seats.",
        "Remaining accounts: the seats' Oracle accounts, then (SPL) the agreeing seats' earnings."
      ],
      "name": "settleQuorum"
    },
    {
      "accounts": [
        {
          "name": "request",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  114,
                  101,
                  113,
                  117,
                  101,
                  115,
                  116
                ]
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.requester"
              },
              {
                "account": "request",
                "kind": "account",
                "path": "request.nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Credited with the royalty and the protocol fee."
          ],
          "name": "model",
          "writable": true
        },
        {
          "docs": [
            "The fulfilling oracle: its bond is released and (SOL) its share credited."
          ],
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the payment mint."
          ],
          "name": "mint",
          "optional": true
        },
        {
          "docs": [
            "SPL requests: the request's vault."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the model's fee vault."
          ],
          "name": "feeVault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the oracle's earnings for the model."
          ],
          "name": "earnings",
          "optional": true,
          "writable": true
        },
        {
          "name": "tokenProgram",
          "optional": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        94,
        165,
        116,
        88,
        109,
        44,
        44,
        101
      ],
      "docs": [
        "Anyone, after the challenge window of a fulfilled request: releases the oracle's bond and",
        "credits the protocol fee, the royalty and the oracle's share to their owed balances. The",
        "account stays so the result can be read."
      ],
      "name": "settleRequest"
    },
    {
      "accounts": [
        {
          "name": "admin",
          "relations": [
            "config"
          ],
          "signer": true
        },
        {
          "name": "config",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  99,
                  111,
                  110,
                  102,
                  105,
                  103
                ]
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateConfigArgs"
            }
          }
        }
      ],
      "discriminator": [
        29,
        158,
        252,
        191,
        10,
        83,
        219,
        99
      ],
      "docs": [
        "Admin only: changes any parameter (within its range) and may hand over the admin role.",
        "Open requests keep the fee rates, challenge window, output space and bond they started with."
      ],
      "name": "updateConfig"
    },
    {
      "accounts": [
        {
          "name": "owner",
          "relations": [
            "model"
          ],
          "signer": true
        },
        {
          "name": "model",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  109,
                  111,
                  100,
                  101,
                  108
                ]
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.owner"
              },
              {
                "account": "model",
                "kind": "account",
                "path": "model.model_id"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "updateModelArgs"
            }
          }
        }
      ],
      "discriminator": [
        76,
        230,
        44,
        16,
        103,
        83,
        24,
        73
      ],
      "docs": [
        "Owner only: changes price, URI or the active flag. Existing requests keep their price."
      ],
      "name": "updateModel"
    },
    {
      "accounts": [
        {
          "docs": [
            "Receives the whole remaining stake and any fees still owed."
          ],
          "name": "authority",
          "relations": [
            "oracle"
          ],
          "signer": true,
          "writable": true
        },
        {
          "name": "oracle",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  111,
                  114,
                  97,
                  99,
                  108,
                  101
                ]
              },
              {
                "account": "oracle",
                "kind": "account",
                "path": "oracle.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "eventAuthority",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  95,
                  95,
                  101,
                  118,
                  101,
                  110,
                  116,
                  95,
                  97,
                  117,
                  116,
                  104,
                  111,
                  114,
                  105,
                  116,
                  121
                ]
              }
            ]
          }
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        153,
        8,
        22,
        138,
        105,
        176,
        87,
        66
      ],
      "docs": [
        "Oracle authority, after unbonding and once every request it held has ended: withdraws",
        "the whole stake and any SOL fees owed, and closes the oracle account, returning its rent."
      ],
      "name": "withdrawStake"
    }
  ],
  "metadata": {
    "description": "Escrow for verifiable ONNX model inference: staked oracles, ed25519-attested results, challenge window, fee split.",
    "name": "inferenceEscrow",
    "spec": "0.1.0",
    "version": "0.1.0"
  },
  "types": [
    {
      "docs": [
        "A consumer instruction to call once the request has ended (`deliver_callback`, sent by",
        "anyone: a crank, the oracle, the consumer's keeper). The call gets the request, the request's",
        "callback authority `[\"callback\", request]` as a signer (proof that the escrow delivers this",
        "request's callback), then",
        "`accounts` in order; its instruction data is `discriminator` alone. Settlement never waits",
        "for it and nothing it does can undo the request's outcome."
      ],
      "name": "callback",
      "type": {
        "fields": [
          {
            "docs": [
              "Program to call; not inference_escrow itself."
            ],
            "name": "program",
            "type": "pubkey"
          },
          {
            "docs": [
              "Its instruction data: an Anchor instruction's 8-byte discriminator."
            ],
            "name": "discriminator",
            "type": {
              "array": [
                "u8",
                8
              ]
            }
          },
          {
            "docs": [
              "Accounts passed after the request and the callback authority (at most",
              "`MAX_CALLBACK_ACCOUNTS`)."
            ],
            "name": "accounts",
            "type": {
              "vec": {
                "defined": {
                  "name": "callbackAccount"
                }
              }
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One account a callback passes to its consumer instruction."
      ],
      "name": "callbackAccount",
      "type": {
        "fields": [
          {
            "docs": [
              "The account's address."
            ],
            "name": "pubkey",
            "type": "pubkey"
          },
          {
            "docs": [
              "Whether the consumer may write it (it must be writable in `deliver_callback` too)."
            ],
            "name": "writable",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "callbackDelivered",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "docs": [
              "The consumer program called."
            ],
            "name": "program",
            "type": "pubkey"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "challengeResolved",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "oracleWasWrong",
            "type": "bool"
          },
          {
            "docs": [
              "Escrow now owed to the requester (zero when the oracle was right)."
            ],
            "name": "refund",
            "type": "u64"
          },
          {
            "docs": [
              "Bonds of the result's producers (and silent seats) slashed to the challenger, held in the",
              "dispute until it is closed (zero when the oracle was right)."
            ],
            "name": "slashed",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "The request the oracle decided to claim, as it read it. A claim binds these: a request",
        "that no longer matches them (closed and re-created at the same address, for another model,",
        "input, price or deadline) is not the one the oracle decided on, and the claim is refused."
      ],
      "name": "claimRequestArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "The request's model account."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "The request's `input_hash`."
            ],
            "name": "inputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The request's `price`."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "The request's `deadline_slot`."
            ],
            "name": "deadlineSlot",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "commitSeatArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "`sha256(sha256(output) || salt || oracle)` with a secret 32-byte salt (see",
              "`round::commitment`)."
            ],
            "name": "commitment",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "SHA-256 of `runtime/version/execution provider` that produced the output."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "When two outputs of a model agree. Outputs are compared on-chain, on their inline bytes.",
        "",
        "Tolerances are `f32` bit patterns (money never touches floats; the program only reads them",
        "as numbers where outputs are compared), validated at registration: finite, non-negative."
      ],
      "name": "compareRule",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "exact"
          },
          {
            "fields": [
              {
                "docs": [
                  "Absolute tolerance, `f32` bits."
                ],
                "name": "absBits",
                "type": "u32"
              },
              {
                "docs": [
                  "Relative tolerance, `f32` bits."
                ],
                "name": "relBits",
                "type": "u32"
              }
            ],
            "name": "tolerance"
          },
          {
            "name": "argmax"
          },
          {
            "fields": [
              {
                "docs": [
                  "Absolute tolerance, `f32` bits."
                ],
                "name": "absBits",
                "type": "u32"
              },
              {
                "docs": [
                  "Relative tolerance, `f32` bits."
                ],
                "name": "relBits",
                "type": "u32"
              }
            ],
            "name": "median"
          }
        ]
      }
    },
    {
      "docs": [
        "Protocol parameters, set once by `initialize_config` and changed by the admin. Also holds,",
        "as lamports above its rent, the slashed claim bonds owed to the treasury."
      ],
      "name": "config",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Config authority and challenge arbiter."
            ],
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Wallet that receives protocol fees and slashed bonds (its token accounts, for SPL fees)."
            ],
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "docs": [
              "Protocol fee taken from each settled price, in basis points."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "Lamports an oracle must have staked to claim requests."
            ],
            "name": "minOracleStake",
            "type": "u64"
          },
          {
            "docs": [
              "Smallest claim bond, in lamports: a claim locks `max(min_claim_bond, price *",
              "claim_bond_bps / 10_000)` of the claimer's stake until the request ends."
            ],
            "name": "minClaimBond",
            "type": "u64"
          },
          {
            "docs": [
              "Claim bond as a share of the request's price, in basis points."
            ],
            "name": "claimBondBps",
            "type": "u16"
          },
          {
            "docs": [
              "A claim older than this many slots may be taken over by another oracle."
            ],
            "name": "claimTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots after fulfilment during which the requester may challenge the result."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots between `begin_unbonding` and the earliest `withdraw_stake`."
            ],
            "name": "unbondingSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Slots the arbiter has to resolve a challenge; after them anyone may end the request",
              "with a full refund and no slash."
            ],
            "name": "arbitrationTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "A claim is refused when fewer slots than this remain before the request's deadline."
            ],
            "name": "minFulfilSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Quorum requests and dispute rounds: slots after the commit deadline during which",
              "committed seats may still reveal."
            ],
            "name": "revealWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports a challenger posts to open a re-execution round (paid to the re-executing",
              "oracles when the result is confirmed, returned otherwise)."
            ],
            "name": "challengeBond",
            "type": "u64"
          },
          {
            "docs": [
              "Seats of a dispute's re-execution round (its quorum is a majority of them)."
            ],
            "name": "disputeReplicas",
            "type": "u8"
          },
          {
            "docs": [
              "Slots a dispute round's seats have to claim and commit, from the challenge."
            ],
            "name": "disputeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Shortest time-to-live a requester may give a request, in slots."
            ],
            "name": "minRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Longest time-to-live a requester may give a request, in slots."
            ],
            "name": "maxRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Longest inline request input, in bytes."
            ],
            "name": "maxInputLen",
            "type": "u32"
          },
          {
            "docs": [
              "Longest inline result output, in bytes; larger outputs are posted by URI."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "Lamports of slashed claim bonds held in this account for the treasury."
            ],
            "name": "slashedOwed",
            "type": "u64"
          },
          {
            "docs": [
              "While set, no request can be created or claimed and no oracle registers; results,",
              "settlement, refunds and payouts still run."
            ],
            "name": "paused",
            "type": "bool"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "configInitialized",
      "type": {
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "treasury",
            "type": "pubkey"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Every tunable parameter of [`Config`]."
      ],
      "name": "configParams",
      "type": {
        "fields": [
          {
            "docs": [
              "See [`Config::treasury`]."
            ],
            "name": "treasury",
            "type": "pubkey"
          },
          {
            "docs": [
              "See [`Config::protocol_fee_bps`]. Range 0..=10,000."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "See [`Config::min_oracle_stake`]. At least `min_claim_bond`."
            ],
            "name": "minOracleStake",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::min_claim_bond`]. Positive, at most `min_oracle_stake`."
            ],
            "name": "minClaimBond",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::claim_bond_bps`]. Range 0..=10,000."
            ],
            "name": "claimBondBps",
            "type": "u16"
          },
          {
            "docs": [
              "See [`Config::claim_timeout_slots`]. Range 1..=216,000."
            ],
            "name": "claimTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::challenge_window_slots`]. Range 0..=1,512,000."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::unbonding_slots`]. Range 0..=6,480,000."
            ],
            "name": "unbondingSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::arbitration_timeout_slots`]. Range 1..=1,512,000."
            ],
            "name": "arbitrationTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::min_fulfil_slots`]. Range 1..=216,000."
            ],
            "name": "minFulfilSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::reveal_window_slots`]. Range 1..=216,000."
            ],
            "name": "revealWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::challenge_bond`]. Positive."
            ],
            "name": "challengeBond",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::dispute_replicas`]. Range 1..=7."
            ],
            "name": "disputeReplicas",
            "type": "u8"
          },
          {
            "docs": [
              "See [`Config::dispute_window_slots`]. Range 1..=432,000, above `min_fulfil_slots`."
            ],
            "name": "disputeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::min_request_ttl_slots`]. Above `min_fulfil_slots`."
            ],
            "name": "minRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::max_request_ttl_slots`]. From `min_request_ttl_slots` to 1,512,000."
            ],
            "name": "maxRequestTtlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::max_input_len`]. Range 0..=768."
            ],
            "name": "maxInputLen",
            "type": "u32"
          },
          {
            "docs": [
              "See [`Config::max_output_len`]. Range 0..=384."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "configUpdated",
      "type": {
        "fields": [
          {
            "name": "admin",
            "type": "pubkey"
          },
          {
            "name": "paused",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "createRequestArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Requester-chosen nonce; part of the request PDA seeds, so each requester picks its own."
            ],
            "name": "nonce",
            "type": "u64"
          },
          {
            "docs": [
              "The model input: inline tensor bytes matching the input schema, or a URI and its hash."
            ],
            "name": "input",
            "type": {
              "defined": {
                "name": "payload"
              }
            }
          },
          {
            "docs": [
              "Slots from now until the deadline (claim and fulfilment must happen by then); between",
              "the config's `min_request_ttl_slots` and `max_request_ttl_slots`."
            ],
            "name": "ttlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "A consumer instruction to call once the request has ended (`deliver_callback`); its",
              "accounts add to the request's rent."
            ],
            "name": "callback",
            "type": {
              "option": {
                "defined": {
                  "name": "callback"
                }
              }
            }
          },
          {
            "docs": [
              "The most the requester agrees to pay: the model's owner may change its price at any time,",
              "so a request made at a price seen earlier is refused if the price has risen above this."
            ],
            "name": "maxPrice",
            "type": "u64"
          },
          {
            "docs": [
              "Who besides the requester may challenge the result (a keeper key, or a program's PDA",
              "when the requester is a program that cannot sign a challenge itself)."
            ],
            "name": "challenger",
            "type": {
              "option": "pubkey"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Element type of a tensor, as ONNX names it. Inline tensors are packed little-endian."
      ],
      "name": "dType",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "f32"
          },
          {
            "name": "f64"
          },
          {
            "name": "f16"
          },
          {
            "name": "i8"
          },
          {
            "name": "i16"
          },
          {
            "name": "i32"
          },
          {
            "name": "i64"
          },
          {
            "name": "u8"
          },
          {
            "name": "bool"
          }
        ]
      }
    },
    {
      "docs": [
        "Request or result data: inline bytes, or a URI whose content hash is recorded beside it."
      ],
      "name": "dataRef",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "fields": [
              "bytes"
            ],
            "name": "inline"
          },
          {
            "fields": [
              "string"
            ],
            "name": "uri"
          }
        ]
      }
    },
    {
      "docs": [
        "A challenge of a fulfilled request, decided by re-executing it: a round of seats held by",
        "oracles that did not produce the challenged result, compared by the request's rule. At",
        "`[\"dispute\", request]`; the challenger pays its rent and its bond (lamports held here above",
        "rent) and gets both back on close, less the bond when the result was confirmed."
      ],
      "name": "dispute",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "The challenged request."
            ],
            "name": "request",
            "type": "pubkey"
          },
          {
            "docs": [
              "Who challenged: paid the bond and rent, gets them back on close (less the bond when the",
              "result was confirmed)."
            ],
            "name": "challenger",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports held here for the challenger: its bond (zero once paid to re-executors or to a",
              "right result's producers), plus a wrong result's slashed bonds after the arbiter's",
              "decision. Paid to the challenger on close."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Slot of the challenge."
            ],
            "name": "openedSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Last slot at which a seat may be claimed or commit."
            ],
            "name": "commitDeadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Last slot at which a committed seat may reveal."
            ],
            "name": "revealDeadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "The round's rule: the config's `dispute_replicas`, a majority quorum, the request's",
              "compare rule (`Exact` on the output hash when the result was posted by URI)."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          },
          {
            "docs": [
              "Bytes each seat reveals at most: the request's inline output capacity, or 32 (an output",
              "hash) for a result posted by URI."
            ],
            "name": "revealLen",
            "type": "u32"
          },
          {
            "docs": [
              "Where the dispute stands."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "disputeStatus"
              }
            }
          },
          {
            "docs": [
              "The re-execution seats, in the order they were claimed."
            ],
            "name": "seats",
            "type": {
              "vec": {
                "defined": {
                  "name": "seat"
                }
              }
            }
          },
          {
            "docs": [
              "Once the round reached a quorum: bit `i` set when seat `i` agrees."
            ],
            "name": "agreed",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "disputeClosed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": "pubkey"
          },
          {
            "name": "challenger",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports returned: rent plus any challenge bond still held."
            ],
            "name": "lamports",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "disputeDecided",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": "pubkey"
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "disputeOutcome"
              }
            }
          },
          {
            "docs": [
              "Escrow now owed to the requester (zero when the result stands)."
            ],
            "name": "refund",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of bonds taken from the result's producers and silent seats."
            ],
            "name": "slashed",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports credited to the agreeing re-executors (challenge bond and slashed bonds)."
            ],
            "name": "paidToReexecutors",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of the challenge bond credited to the result's producers (the arbiter found it",
              "right after a round without quorum)."
            ],
            "name": "paidToProducers",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of the challenge bond still owed back to the challenger (on close)."
            ],
            "name": "bondReturned",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "How a dispute was decided."
      ],
      "name": "disputeOutcome",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "confirmed"
          },
          {
            "name": "overturned"
          },
          {
            "name": "noQuorum"
          },
          {
            "name": "arbiterConfirmed"
          },
          {
            "name": "arbiterOverturned"
          },
          {
            "name": "timedOut"
          }
        ]
      }
    },
    {
      "docs": [
        "Where a dispute stands."
      ],
      "name": "disputeStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "rejected"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "upheld"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "noQuorum"
          },
          {
            "fields": [
              {
                "name": "oracleWasWrong",
                "type": "bool"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "decided"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "timedOut"
          }
        ]
      }
    },
    {
      "docs": [
        "An oracle's shares of one SPL model's settled requests, held in the model's fee vault until",
        "collected. Created by the oracle's first claim of a request of that model; it outlives the",
        "Oracle account, so fees can be collected after the stake is withdrawn."
      ],
      "name": "earnings",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "The SPL model whose fee vault holds the tokens."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "The Oracle account that earned them."
            ],
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "Its authority: the tokens are paid to a token account this wallet owns."
            ],
            "name": "authority",
            "type": "pubkey"
          },
          {
            "docs": [
              "Tokens owed, not yet collected."
            ],
            "name": "owed",
            "type": "u64"
          },
          {
            "docs": [
              "Tokens collected so far (a statistic; saturates rather than fail)."
            ],
            "name": "collected",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "failRequestArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Why the input cannot be run (at most 128 bytes; its SHA-256 is what gets signed)."
            ],
            "name": "reason",
            "type": "string"
          },
          {
            "docs": [
              "SHA-256 of `runtime/version/execution provider` of the oracle (signed with it)."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "fulfillRequestArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "The output: inline tensor bytes when the request reserved inline space, else a URI and",
              "the SHA-256 of the bytes it serves."
            ],
            "name": "output",
            "type": {
              "defined": {
                "name": "payload"
              }
            }
          },
          {
            "docs": [
              "SHA-256 of `runtime/version/execution provider` that produced it (signed with it)."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A registered ONNX model: what it computes, what it costs, who earns its royalty, and the",
        "royalty and protocol fees owed from its settled requests.",
        "",
        "Owed amounts are in the model's payment unit. For a SOL model they are lamports held in this",
        "account above its rent; for an SPL model, tokens held in its fee vault `[\"fee_vault\", model]`",
        "(which also holds the oracles' shares, `oracle_fees_owed`, itemized in their",
        "[`super::Earnings`] accounts)."
      ],
      "name": "model",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Registrant; the only signer allowed to update it, and the royalty payee."
            ],
            "name": "owner",
            "type": "pubkey"
          },
          {
            "docs": [
              "Owner-chosen identifier, part of the PDA seeds."
            ],
            "name": "modelId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "SHA-256 of the ONNX file; oracles refuse to serve a file that hashes otherwise."
            ],
            "name": "onnxSha256",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Schema the request input must match."
            ],
            "name": "inputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "docs": [
              "Schema the result output must match."
            ],
            "name": "outputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "docs": [
              "Largest output in bytes: exact for a static output schema, declared at registration for",
              "a dynamic one. Requests reserve this much inline space when it fits the config's inline",
              "limit, and only URI space otherwise."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "How many oracles run each request, and when their outputs agree (fixed at registration)."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          },
          {
            "docs": [
              "Price of one inference, in lamports or in base units of `mint`."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "Payment mint; `None` means SOL."
            ],
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Share of each settled price paid to the owner, in basis points."
            ],
            "name": "royaltyBps",
            "type": "u16"
          },
          {
            "docs": [
              "Where the ONNX file can be fetched."
            ],
            "name": "uri",
            "type": "string"
          },
          {
            "docs": [
              "Only active models accept new requests."
            ],
            "name": "active",
            "type": "bool"
          },
          {
            "docs": [
              "Royalty owed to the owner, not yet collected."
            ],
            "name": "royaltyOwed",
            "type": "u64"
          },
          {
            "docs": [
              "Protocol fees owed to the treasury, not yet collected."
            ],
            "name": "protocolFeeOwed",
            "type": "u64"
          },
          {
            "docs": [
              "SPL models: oracles' shares held in the fee vault, not yet collected (the sum of their",
              "`Earnings::owed`). Always zero for SOL models, whose oracle shares sit in the oracles'",
              "own accounts."
            ],
            "name": "oracleFeesOwed",
            "type": "u64"
          },
          {
            "docs": [
              "Requests settled (paid) for this model. Nothing about the model is written when a request",
              "is created, so requests never contend for the model account."
            ],
            "name": "requestsSettled",
            "type": "u64"
          },
          {
            "docs": [
              "Royalties earned across settled requests (a statistic; saturates rather than fail)."
            ],
            "name": "royaltiesEarned",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the fee vault PDA; zero for SOL models."
            ],
            "name": "feeVaultBump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "modelRegistered",
      "type": {
        "fields": [
          {
            "name": "model",
            "type": "pubkey"
          },
          {
            "name": "owner",
            "type": "pubkey"
          },
          {
            "name": "modelId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "onnxSha256",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "royaltyBps",
            "type": "u16"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "modelUpdated",
      "type": {
        "fields": [
          {
            "name": "model",
            "type": "pubkey"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "active",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A staked oracle operator. Stake and the SOL fees owed to it live in this account above its",
        "rent."
      ],
      "name": "oracle",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Operator wallet: signs claims and fulfilments, receives the oracle's fees and its stake back."
            ],
            "name": "authority",
            "type": "pubkey"
          },
          {
            "docs": [
              "Ed25519 key that signs result messages."
            ],
            "name": "attestationKey",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports currently staked, bonded or not."
            ],
            "name": "stake",
            "type": "u64"
          },
          {
            "docs": [
              "Part of `stake` locked as claim bonds by the requests it holds; a slash takes a bond."
            ],
            "name": "bonded",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of SOL requests' oracle shares owed to the authority, not yet collected."
            ],
            "name": "feesOwed",
            "type": "u64"
          },
          {
            "docs": [
              "Lifecycle status."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "oracleStatus"
              }
            }
          },
          {
            "docs": [
              "Requests this oracle holds (claimed, fulfilled or challenged) whose obligation has not",
              "ended; withdrawal waits for zero so that every bond can still be slashed."
            ],
            "name": "openRequests",
            "type": "u32"
          },
          {
            "docs": [
              "Lamports ever staked (registration and `add_stake`)."
            ],
            "name": "totalStaked",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of stake withdrawn by the authority."
            ],
            "name": "totalWithdrawn",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of stake slashed (claim bonds taken)."
            ],
            "name": "totalSlashed",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of fees collected by the authority."
            ],
            "name": "totalFeesCollected",
            "type": "u64"
          },
          {
            "docs": [
              "Requests fulfilled."
            ],
            "name": "fulfilled",
            "type": "u64"
          },
          {
            "docs": [
              "Requests failed with a signed failure."
            ],
            "name": "failed",
            "type": "u64"
          },
          {
            "docs": [
              "Claims that timed out (taken over) or reached the deadline unfulfilled."
            ],
            "name": "noShows",
            "type": "u64"
          },
          {
            "docs": [
              "Bonds slashed."
            ],
            "name": "slashes",
            "type": "u64"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "oracleRegistered",
      "type": {
        "fields": [
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "authority",
            "type": "pubkey"
          },
          {
            "name": "attestationKey",
            "type": "pubkey"
          },
          {
            "name": "stake",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "oracleStakeChanged",
      "type": {
        "fields": [
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "change",
            "type": {
              "defined": {
                "name": "stakeChange"
              }
            }
          },
          {
            "name": "amount",
            "type": "u64"
          },
          {
            "name": "stake",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Lifecycle of an oracle's stake."
      ],
      "name": "oracleStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "active"
          },
          {
            "fields": [
              {
                "name": "untilSlot",
                "type": "u64"
              }
            ],
            "name": "unbonding"
          },
          {
            "name": "exited"
          }
        ]
      }
    },
    {
      "name": "oracleUnbondingBegan",
      "type": {
        "fields": [
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "untilSlot",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Data passed to the program: inline bytes (hashed on-chain) or a URI with the SHA-256 of the",
        "bytes it serves."
      ],
      "name": "payload",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "fields": [
              "bytes"
            ],
            "name": "inline"
          },
          {
            "fields": [
              {
                "name": "uri",
                "type": "string"
              },
              {
                "name": "sha256",
                "type": {
                  "array": [
                    "u8",
                    32
                  ]
                }
              }
            ],
            "name": "uri"
          }
        ]
      }
    },
    {
      "name": "payoutCollected",
      "type": {
        "fields": [
          {
            "docs": [
              "The account the owed balance was recorded in (model, oracle, earnings or config)."
            ],
            "name": "account",
            "type": "pubkey"
          },
          {
            "name": "kind",
            "type": {
              "defined": {
                "name": "payoutKind"
              }
            }
          },
          {
            "docs": [
              "The wallet paid (for SPL, the owner of the token account credited)."
            ],
            "name": "payee",
            "type": "pubkey"
          },
          {
            "docs": [
              "`None` for lamports."
            ],
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "amount",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Whose owed balance a collection paid out."
      ],
      "name": "payoutKind",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "royalty"
          },
          {
            "name": "protocolFee"
          },
          {
            "name": "oracleFees"
          },
          {
            "name": "oracleEarnings"
          },
          {
            "name": "slashes"
          }
        ]
      }
    },
    {
      "name": "payoutReleased",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "oracleAmount",
            "type": "u64"
          },
          {
            "name": "royalty",
            "type": "u64"
          },
          {
            "name": "protocolFee",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Why escrowed funds are owed back to the requester."
      ],
      "name": "refundReason",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "expired"
          },
          {
            "name": "challengeUpheld"
          },
          {
            "name": "arbitrationTimedOut"
          },
          {
            "name": "noConsensus"
          },
          {
            "name": "reexecutionDisagreed"
          }
        ]
      }
    },
    {
      "name": "registerModelArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Owner-chosen identifier (e.g. a hash of the model's name); part of the PDA seeds."
            ],
            "name": "modelId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "SHA-256 of the ONNX file."
            ],
            "name": "onnxSha256",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "inputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "name": "outputSchema",
            "type": {
              "defined": {
                "name": "tensorSchema"
              }
            }
          },
          {
            "docs": [
              "Largest output the model returns, in bytes. For a static output schema pass 0 (or its",
              "exact size); for a dynamic one, the declared maximum (a whole tensor of the schema).",
              "Requests reserve this much inline space, or URI space when it exceeds the inline limit."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "Price per inference, in lamports or base units of the payment mint."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "Owner's royalty on each settled price, in basis points."
            ],
            "name": "royaltyBps",
            "type": "u16"
          },
          {
            "docs": [
              "Where the ONNX file can be fetched."
            ],
            "name": "uri",
            "type": "string"
          },
          {
            "docs": [
              "How many oracles run each request and when their outputs agree ([`VerificationPolicy::SINGLE`]",
              "for one oracle). Fixed for the model's life: requesters rely on it."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One paid inference request. For SOL payments the escrow is held as lamports in this account",
        "above its rent; for SPL payments in the token account at `[\"vault\", request]`.",
        "",
        "Layout rule: `version`, `requester`, `model`, `nonce` and the status tag (followed by the",
        "status's oracle) sit at fixed offsets (8, 9, 41, 73, 81, 82) so clients can filter with",
        "`memcmp`; variable-size fields come after."
      ],
      "name": "request",
      "type": {
        "fields": [
          {
            "docs": [
              "Account layout version ([`crate::constants::ACCOUNT_VERSION`])."
            ],
            "name": "version",
            "type": "u8"
          },
          {
            "docs": [
              "Payer of the escrow and rent; owed refunds, and the rent on close."
            ],
            "name": "requester",
            "type": "pubkey"
          },
          {
            "docs": [
              "Model account to run."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "Requester-chosen nonce, part of the PDA seeds."
            ],
            "name": "nonce",
            "type": "u64"
          },
          {
            "docs": [
              "Lifecycle status."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "requestStatus"
              }
            }
          },
          {
            "docs": [
              "Model price when the request was created; what was escrowed."
            ],
            "name": "price",
            "type": "u64"
          },
          {
            "docs": [
              "Protocol fee when the request was created, in basis points."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "Model royalty when the request was created, in basis points."
            ],
            "name": "royaltyBps",
            "type": "u16"
          },
          {
            "docs": [
              "Challenge window when the request was created, in slots: the requester's terms do not",
              "move under a later config change."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Payment mint; `None` means SOL."
            ],
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Amount held for this request (SOL: lamports above rent; SPL: in its vault): the price",
              "until it is paid out to the payees' owed balances, and after a refund until the",
              "requester collects it on close."
            ],
            "name": "escrow",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of the holder's stake locked as its claim bond; zero when no oracle holds it."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Slot the request was created at."
            ],
            "name": "createdSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Last slot at which it may be claimed (with `min_fulfil_slots` to spare) or fulfilled."
            ],
            "name": "deadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "SHA-256 of the input bytes."
            ],
            "name": "inputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The input, inline or by URI."
            ],
            "name": "input",
            "type": {
              "defined": {
                "name": "dataRef"
              }
            }
          },
          {
            "docs": [
              "SHA-256 of the output bytes (or of the failure reason); zero until a result is posted."
            ],
            "name": "outputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The output, inline or by URI, once fulfilled."
            ],
            "name": "output",
            "type": {
              "option": {
                "defined": {
                  "name": "dataRef"
                }
              }
            }
          },
          {
            "docs": [
              "What ran the model, as its oracle signed it: SHA-256 of `runtime/version/provider`",
              "(e.g. `onnxruntime/1.31.1/cpu`); zero until a result is posted."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Bytes reserved for an inline output; zero when the output must be posted by URI."
            ],
            "name": "outputCapacity",
            "type": "u32"
          },
          {
            "docs": [
              "The consumer instruction `deliver_callback` calls once the request has ended, if any."
            ],
            "name": "callback",
            "type": {
              "option": {
                "defined": {
                  "name": "callback"
                }
              }
            }
          },
          {
            "docs": [
              "Whether the callback has been called (successfully; it is called at most once)."
            ],
            "name": "callbackDelivered",
            "type": "bool"
          },
          {
            "docs": [
              "Bump of this PDA."
            ],
            "name": "bump",
            "type": "u8"
          },
          {
            "docs": [
              "Bump of the SPL vault PDA; zero for SOL requests."
            ],
            "name": "vaultBump",
            "type": "u8"
          },
          {
            "docs": [
              "The model's verification policy when the request was created."
            ],
            "name": "policy",
            "type": {
              "defined": {
                "name": "verificationPolicy"
              }
            }
          },
          {
            "docs": [
              "Quorum requests: the last slot at which a committed seat may reveal (the deadline plus",
              "the config's `reveal_window_slots` at creation)."
            ],
            "name": "revealDeadlineSlot",
            "type": "u64"
          },
          {
            "docs": [
              "Quorum requests: the seats, in the order they were claimed (at most `policy.replicas`)."
            ],
            "name": "seats",
            "type": {
              "vec": {
                "defined": {
                  "name": "seat"
                }
              }
            }
          },
          {
            "docs": [
              "Quorum requests, once finalized with a consensus: bit `i` set when seat `i` agrees."
            ],
            "name": "agreed",
            "type": "u8"
          },
          {
            "docs": [
              "Whether the result was challenged and found right (by re-execution or the arbiter): it",
              "settles without waiting out the challenge window, and cannot be challenged again."
            ],
            "name": "disputed",
            "type": "bool"
          },
          {
            "docs": [
              "Who besides the requester may challenge the result (a keeper key, or a program's PDA",
              "for requests made by CPI)."
            ],
            "name": "challenger",
            "type": {
              "option": "pubkey"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestCancelled",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "requester",
            "type": "pubkey"
          },
          {
            "name": "refunded",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestChallenged",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "requester",
            "type": "pubkey"
          },
          {
            "docs": [
              "The holder (single-oracle request) or the first agreeing seat (quorum request)."
            ],
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "Who challenged (the requester or the request's named challenger)."
            ],
            "name": "challenger",
            "type": "pubkey"
          },
          {
            "docs": [
              "The dispute account of the re-execution round."
            ],
            "name": "dispute",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports the challenger posted."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Last slot at which re-executors may take a seat and commit."
            ],
            "name": "commitDeadlineSlot",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestClaimed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "The oracle whose timed-out claim was taken over, if any (its bond was released)."
            ],
            "name": "previousOracle",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Lamports of the claimer's stake locked until the request ends."
            ],
            "name": "bond",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestClosed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "requester",
            "type": "pubkey"
          },
          {
            "docs": [
              "Escrow paid to the requester now (a refund owed to it); zero after a settlement."
            ],
            "name": "refunded",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestCreated",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "requester",
            "type": "pubkey"
          },
          {
            "name": "model",
            "type": "pubkey"
          },
          {
            "name": "nonce",
            "type": "u64"
          },
          {
            "name": "price",
            "type": "u64"
          },
          {
            "name": "mint",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "inputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "deadlineSlot",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestFailed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "reason",
            "type": "string"
          },
          {
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "Escrow now owed to the requester (paid when it closes the request)."
            ],
            "name": "refund",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestFulfilled",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "outputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestRefunded",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "requester",
            "type": "pubkey"
          },
          {
            "name": "reason",
            "type": {
              "defined": {
                "name": "refundReason"
              }
            }
          },
          {
            "docs": [
              "Escrow now owed to the requester (paid when it closes the request)."
            ],
            "name": "refund",
            "type": "u64"
          },
          {
            "docs": [
              "The holder's claim bond, slashed to the treasury (a no-show); zero otherwise."
            ],
            "name": "slashed",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "requestSettled",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "Credited to the oracle (its SOL fees, or its earnings for the model)."
            ],
            "name": "oracleAmount",
            "type": "u64"
          },
          {
            "docs": [
              "Credited to the model's royalty owed."
            ],
            "name": "royalty",
            "type": "u64"
          },
          {
            "docs": [
              "Credited to the model's protocol fees owed."
            ],
            "name": "protocolFee",
            "type": "u64"
          },
          {
            "docs": [
              "The SPL vault or fee vault was frozen: the tokens stay in the request's vault until",
              "`release_payout`, and the amounts above are credited then."
            ],
            "name": "deferred",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Where a request is in its lifecycle (docs/protocol.md has the diagram)."
      ],
      "name": "requestStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "open"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "claimed"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "fulfilled"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "fulfilledSlot",
                "type": "u64"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "challenged"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "settled"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "failed"
          },
          {
            "fields": [
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "expired"
          },
          {
            "fields": [
              {
                "name": "oracle",
                "type": "pubkey"
              },
              {
                "name": "slot",
                "type": "u64"
              }
            ],
            "name": "refunded"
          }
        ]
      }
    },
    {
      "name": "revealSeatArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "The output committed to: the output tensor's bytes, or in a dispute of a result posted",
              "by URI, the 32-byte SHA-256 of the output."
            ],
            "name": "output",
            "type": "bytes"
          },
          {
            "docs": [
              "The salt of the commitment."
            ],
            "name": "salt",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "roundFinalized",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "docs": [
              "Whether `quorum` revealed outputs agreed."
            ],
            "name": "consensus",
            "type": "bool"
          },
          {
            "docs": [
              "Bit `i` set when seat `i` agrees (zero without consensus)."
            ],
            "name": "agreed",
            "type": "u8"
          },
          {
            "docs": [
              "Seats that revealed."
            ],
            "name": "revealed",
            "type": "u8"
          },
          {
            "docs": [
              "SHA-256 of the agreed output (zero without consensus)."
            ],
            "name": "outputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "One oracle's seat in a quorum request."
      ],
      "name": "seat",
      "type": {
        "fields": [
          {
            "docs": [
              "The Oracle account holding the seat."
            ],
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "Lamports of its stake locked for this seat (zero once released or slashed)."
            ],
            "name": "bond",
            "type": "u64"
          },
          {
            "docs": [
              "Where the seat stands."
            ],
            "name": "state",
            "type": {
              "defined": {
                "name": "seatState"
              }
            }
          },
          {
            "docs": [
              "`sha256(sha256(output) || salt || oracle)`, signed by the oracle's attestation key."
            ],
            "name": "commitment",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "What ran the model, as signed with the commitment."
            ],
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "docs": [
              "The revealed output (empty until revealed)."
            ],
            "name": "output",
            "type": "bytes"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "seatClaimed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "docs": [
              "The dispute whose re-execution round the seat is in; `None` for the request's own round."
            ],
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "docs": [
              "The seat's index in its round."
            ],
            "name": "seat",
            "type": "u8"
          },
          {
            "docs": [
              "Lamports of the oracle's stake locked until the round ends for it."
            ],
            "name": "bond",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "seatCommitted",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "seat",
            "type": "u8"
          },
          {
            "name": "commitment",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          },
          {
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "seatFailed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "seat",
            "type": "u8"
          },
          {
            "name": "reason",
            "type": "string"
          },
          {
            "name": "executionId",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "How a seat's round ended for it."
      ],
      "name": "seatOutcome",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "agreed"
          },
          {
            "name": "disagreed"
          },
          {
            "name": "noShow"
          },
          {
            "name": "released"
          }
        ]
      }
    },
    {
      "name": "seatRevealed",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "seat",
            "type": "u8"
          },
          {
            "docs": [
              "SHA-256 of the revealed output."
            ],
            "name": "outputHash",
            "type": {
              "array": [
                "u8",
                32
              ]
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "name": "seatSettled",
      "type": {
        "fields": [
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "dispute",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "oracle",
            "type": "pubkey"
          },
          {
            "name": "seat",
            "type": "u8"
          },
          {
            "name": "outcome",
            "type": {
              "defined": {
                "name": "seatOutcome"
              }
            }
          },
          {
            "docs": [
              "Its share of the price (SOL fees or model earnings), or of the challenge bond."
            ],
            "name": "earned",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of other seats' slashed bonds credited to it."
            ],
            "name": "slashShare",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports of its own bond slashed."
            ],
            "name": "slashed",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Where a quorum request's seat stands."
      ],
      "name": "seatState",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "claimed"
          },
          {
            "name": "committed"
          },
          {
            "name": "revealed"
          },
          {
            "name": "failed"
          }
        ]
      }
    },
    {
      "docs": [
        "Why an oracle's stake changed."
      ],
      "name": "stakeChange",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "added"
          },
          {
            "name": "withdrawn"
          },
          {
            "name": "slashedNoShow"
          },
          {
            "name": "slashedWrongResult"
          }
        ]
      }
    },
    {
      "docs": [
        "A tensor's element type and shape; a dimension of [`DYNAMIC_DIM`] (-1) accepts any size."
      ],
      "name": "tensorSchema",
      "type": {
        "fields": [
          {
            "docs": [
              "Element type."
            ],
            "name": "dtype",
            "type": {
              "defined": {
                "name": "dType"
              }
            }
          },
          {
            "docs": [
              "Dimensions, outermost first: positive sizes or -1 for dynamic."
            ],
            "name": "shape",
            "type": {
              "vec": "i32"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Changes to the config; `None` leaves a field as it is."
      ],
      "name": "updateConfigArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Hands the admin (and arbiter) role to another key."
            ],
            "name": "newAdmin",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "treasury",
            "type": {
              "option": "pubkey"
            }
          },
          {
            "name": "protocolFeeBps",
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "minOracleStake",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "minClaimBond",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "claimBondBps",
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "claimTimeoutSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "challengeWindowSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "unbondingSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "arbitrationTimeoutSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "minFulfilSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "revealWindowSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "challengeBond",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "disputeReplicas",
            "type": {
              "option": "u8"
            }
          },
          {
            "name": "disputeWindowSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "minRequestTtlSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "maxRequestTtlSlots",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "maxInputLen",
            "type": {
              "option": "u32"
            }
          },
          {
            "name": "maxOutputLen",
            "type": {
              "option": "u32"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "Changes to a model; `None` leaves a field as it is. Open requests keep the price they escrowed."
      ],
      "name": "updateModelArgs",
      "type": {
        "fields": [
          {
            "name": "price",
            "type": {
              "option": "u64"
            }
          },
          {
            "name": "uri",
            "type": {
              "option": "string"
            }
          },
          {
            "name": "active",
            "type": {
              "option": "bool"
            }
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "How many oracles run each request of a model, and when their outputs agree."
      ],
      "name": "verificationPolicy",
      "type": {
        "fields": [
          {
            "docs": [
              "Seats per request (n): 1 is a single-oracle request (claim, fulfil); 2..=7 a quorum",
              "request (seats, commit, reveal)."
            ],
            "name": "replicas",
            "type": "u8"
          },
          {
            "docs": [
              "Agreeing outputs needed (k): a majority of `replicas` or more."
            ],
            "name": "quorum",
            "type": "u8"
          },
          {
            "docs": [
              "When two outputs agree."
            ],
            "name": "compare",
            "type": {
              "defined": {
                "name": "compareRule"
              }
            }
          }
        ],
        "kind": "struct"
      }
    }
  ]
};
