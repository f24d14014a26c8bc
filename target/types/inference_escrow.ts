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
  "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
  "constants": [
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
      "msg": "An inline data limit is above the hard cap of 1,024 bytes.",
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
      "msg": "The request time-to-live is zero or above the configured maximum.",
      "name": "invalidTtl"
    },
    {
      "code": 6015,
      "msg": "The protocol fee and the model royalty together exceed 100%.",
      "name": "feeSplitTooHigh"
    },
    {
      "code": 6016,
      "msg": "The escrow vault did not receive the full price (transfer fees are not supported).",
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
    }
  ],
  "events": [
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
            "SPL requests: the requester's token account, credited with the refund."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
          "name": "requester",
          "relations": [
            "request"
          ],
          "signer": true
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Requester, within `challenge_window_slots` of fulfilment: disputes the result; the arbiter",
        "decides with `resolve_challenge`."
      ],
      "name": "challengeRequest"
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
          "name": "program"
        }
      ],
      "args": [],
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
        "Active oracle with enough stake, by the deadline: claims an open request, or takes over a",
        "claim older than `claim_timeout_slots` (pass the previous claimer as `previous_oracle`;",
        "its no-show count goes up)."
      ],
      "name": "claimRequest"
    },
    {
      "accounts": [
        {
          "docs": [
            "Receives the rent of the request (and of its vault)."
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
            "SPL requests: the request's (empty) vault, closed."
          ],
          "name": "vault",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the requester's token account, credited with anything sent to the vault",
            "after the escrow was paid out."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Requester, in a terminal state: closes the request (and its vault), returning the rent."
      ],
      "name": "closeRequest"
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
            "Escrow vault, owned by the request PDA."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Creates a request paid in the model's SPL mint (SPL Token or Token-2022): escrows the",
        "price in a vault owned by the request."
      ],
      "name": "createRequestToken"
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
          "name": "requester",
          "writable": true
        },
        {
          "docs": [
            "The claiming oracle, slashed for the no-show; required exactly when the request is claimed."
          ],
          "name": "oracle",
          "optional": true,
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
            "SPL requests: the requester's token account, credited with the refund."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Anyone, after the deadline of an open or claimed request: refunds in full; a claimer",
        "(pass it as `oracle`) loses `no_show_slash_bps` of its stake to the requester."
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
          "name": "requester",
          "writable": true
        },
        {
          "address": "Sysvar1nstructions1111111111111111111111111",
          "name": "instructions"
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
            "SPL requests: the requester's token account, credited with the refund."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "reason",
          "type": "string"
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
        "failure (status 2, output hash = SHA-256 of `reason`). The requester is refunded in full;",
        "nobody is paid. After the deadline only `expire_request` (with its no-show slash) applies."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "output",
          "type": {
            "defined": {
              "name": "payload"
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
        "Claiming oracle, by the deadline: posts the output. The instruction just before this one",
        "must be an Ed25519 precompile instruction signing the result message (status 1) with the",
        "oracle's attestation key, all data inline."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Creates the protocol config once. The signer becomes admin and arbiter.",
        "Fails with `InvalidBps`, `ZeroSlotWindow` or `InlineLimitTooLarge` on unsound parameters."
      ],
      "name": "initializeConfig"
    },
    {
      "accounts": [
        {
          "name": "owner",
          "signer": true,
          "writable": true
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Registers a model at `[\"model\", owner, model_id]`: ONNX file hash, I/O schemas, price,",
        "payment mint (pass `mint` for SPL, omit for SOL), royalty and URI. Starts active."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
          "name": "model",
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
          "name": "requester",
          "writable": true
        },
        {
          "name": "oracleAuthority",
          "writable": true
        },
        {
          "name": "modelOwner",
          "writable": true
        },
        {
          "name": "treasury",
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
            "SPL requests: the requester's token account (refund when the oracle was wrong)."
          ],
          "name": "requesterToken",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the oracle authority's token account (when the oracle was right)."
          ],
          "name": "oracleToken",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the model owner's token account (when the oracle was right)."
          ],
          "name": "ownerToken",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the treasury's token account (when the oracle was right)."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Admin (arbiter) only, on a challenged request: `oracle_was_wrong` refunds the requester in",
        "full and pays it `wrong_result_slash_bps` of the oracle's stake; otherwise the request",
        "settles as `settle_request` would."
      ],
      "name": "resolveChallenge"
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "oracle registers; results, settlement and refunds keep working so no funds are stuck."
      ],
      "name": "setPaused"
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
          "name": "oracleAuthority",
          "writable": true
        },
        {
          "name": "modelOwner",
          "writable": true
        },
        {
          "name": "treasury",
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
            "SPL requests: the oracle authority's token account."
          ],
          "name": "oracleToken",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the model owner's token account."
          ],
          "name": "ownerToken",
          "optional": true,
          "writable": true
        },
        {
          "docs": [
            "SPL requests: the treasury's token account."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Anyone, after the challenge window of a fulfilled request: pays the protocol fee, the",
        "royalty and the oracle's share. The account stays so the result can be read."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Admin only: changes any parameter (and may hand over the admin role). Open requests keep",
        "the fee rates and output space they were created with."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
            "Receives the whole remaining stake."
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
          "address": "DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4",
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
        "Oracle authority, after unbonding and with no unfinished claims: withdraws the whole stake",
        "and closes the oracle account, returning its rent. The authority may register again."
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
              "Escrow refunded to the requester (zero when the oracle was right)."
            ],
            "name": "refunded",
            "type": "u64"
          },
          {
            "docs": [
              "Stake taken from the oracle and paid to the requester."
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
        "Protocol parameters, set once by `initialize_config` and changed by the admin."
      ],
      "name": "config",
      "type": {
        "fields": [
          {
            "docs": [
              "Config authority and challenge arbiter."
            ],
            "name": "admin",
            "type": "pubkey"
          },
          {
            "docs": [
              "Wallet that receives protocol fees (its token accounts, for SPL payments)."
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
              "Share of its stake a claiming oracle loses to the requester when the deadline passes."
            ],
            "name": "noShowSlashBps",
            "type": "u16"
          },
          {
            "docs": [
              "Share of its stake an oracle loses to the requester when a challenge is upheld."
            ],
            "name": "wrongResultSlashBps",
            "type": "u16"
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
              "Longest inline result output, in bytes."
            ],
            "name": "maxOutputLen",
            "type": "u32"
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
              "While set, no request can be created or claimed; settlement and refunds still run."
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
              "See [`Config::protocol_fee_bps`]."
            ],
            "name": "protocolFeeBps",
            "type": "u16"
          },
          {
            "docs": [
              "See [`Config::min_oracle_stake`]."
            ],
            "name": "minOracleStake",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::claim_timeout_slots`]."
            ],
            "name": "claimTimeoutSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::challenge_window_slots`]."
            ],
            "name": "challengeWindowSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::unbonding_slots`]."
            ],
            "name": "unbondingSlots",
            "type": "u64"
          },
          {
            "docs": [
              "See [`Config::no_show_slash_bps`]."
            ],
            "name": "noShowSlashBps",
            "type": "u16"
          },
          {
            "docs": [
              "See [`Config::wrong_result_slash_bps`]."
            ],
            "name": "wrongResultSlashBps",
            "type": "u16"
          },
          {
            "docs": [
              "See [`Config::max_input_len`]."
            ],
            "name": "maxInputLen",
            "type": "u32"
          },
          {
            "docs": [
              "See [`Config::max_output_len`]."
            ],
            "name": "maxOutputLen",
            "type": "u32"
          },
          {
            "docs": [
              "See [`Config::max_request_ttl_slots`]."
            ],
            "name": "maxRequestTtlSlots",
            "type": "u64"
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
              "Slots from now until the deadline (claim and fulfilment must happen by then)."
            ],
            "name": "ttlSlots",
            "type": "u64"
          },
          {
            "docs": [
              "Program the requester wants notified of the result (advisory)."
            ],
            "name": "callbackProgram",
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
        "A registered ONNX model: what it computes, what it costs, who earns its royalty."
      ],
      "name": "model",
      "type": {
        "fields": [
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
              "Requests settled (paid) for this model. Nothing about the model is written when a request",
              "is created, so requests never contend for the model account."
            ],
            "name": "requestsSettled",
            "type": "u64"
          },
          {
            "docs": [
              "Royalties earned by the owner across settled requests, in the model's payment unit."
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
        "A staked oracle operator. Stake lamports live in this account above its rent."
      ],
      "name": "oracle",
      "type": {
        "fields": [
          {
            "docs": [
              "Operator wallet: signs claims and fulfilments, receives the oracle's share and its stake back."
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
              "Lamports currently staked."
            ],
            "name": "stake",
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
              "Requests this oracle claimed that are not yet settled, refunded or taken over; withdrawal",
              "waits for zero so that any slash can still be paid."
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
              "Lamports withdrawn by the authority."
            ],
            "name": "totalWithdrawn",
            "type": "u64"
          },
          {
            "docs": [
              "Lamports slashed to requesters."
            ],
            "name": "totalSlashed",
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
              "Slash events."
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
      "docs": [
        "Why escrowed funds went back to the requester."
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
        "Layout rule: `requester`, `model`, `nonce` and the status tag sit at fixed offsets",
        "(8, 40, 72, 80) so clients can filter with `memcmp`; variable-size fields come after."
      ],
      "name": "request",
      "type": {
        "fields": [
          {
            "docs": [
              "Payer of the escrow and rent; receives refunds and the rent on close."
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
              "Amount still held in escrow: the price until paid out or refunded, then zero."
            ],
            "name": "escrow",
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
              "Last slot at which it may be claimed or fulfilled."
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
              "Bytes reserved for an inline output."
            ],
            "name": "outputCapacity",
            "type": "u32"
          },
          {
            "docs": [
              "Program the requester wants notified of the result (advisory; the oracle may call it)."
            ],
            "name": "callbackProgram",
            "type": {
              "option": "pubkey"
            }
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
            "name": "oracle",
            "type": "pubkey"
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
              "The oracle whose timed-out claim was taken over, if any."
            ],
            "name": "previousOracle",
            "type": {
              "option": "pubkey"
            }
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
            "name": "refunded",
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
            "name": "refunded",
            "type": "u64"
          },
          {
            "docs": [
              "Stake taken from a no-show oracle and paid to the requester."
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
            "name": "noShowSlashBps",
            "type": {
              "option": "u16"
            }
          },
          {
            "name": "wrongResultSlashBps",
            "type": {
              "option": "u16"
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
          },
          {
            "name": "maxRequestTtlSlots",
            "type": {
              "option": "u64"
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
    }
  ]
};
