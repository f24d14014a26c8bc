/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/risk_consumer.json`.
 */
export type RiskConsumer = {
  "accounts": [
    {
      "discriminator": [
        170,
        188,
        143,
        228,
        122,
        64,
        247,
        208
      ],
      "name": "position"
    },
    {
      "discriminator": [
        211,
        8,
        232,
        43,
        2,
        152,
        117,
        119
      ],
      "name": "vault"
    }
  ],
  "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
  "constants": [
    {
      "docs": [
        "Seed prefix of a [`crate::state::Position`] PDA: `[\"position\", vault, borrower]`."
      ],
      "name": "seedPosition",
      "type": "bytes",
      "value": "[112, 111, 115, 105, 116, 105, 111, 110]"
    },
    {
      "docs": [
        "Seed prefix of a [`crate::state::Vault`] PDA: `[\"vault\", authority]`."
      ],
      "name": "seedVault",
      "type": "bytes",
      "value": "[118, 97, 117, 108, 116]"
    },
    {
      "docs": [
        "Seed prefix of a vault's wallet: `[\"wallet\", vault]`. A data-less, system-owned PDA that pays",
        "for inference; anyone may fund it with a plain SOL transfer."
      ],
      "name": "seedWallet",
      "type": "bytes",
      "value": "[119, 97, 108, 108, 101, 116]"
    }
  ],
  "errors": [
    {
      "code": 7000,
      "msg": "The risk threshold must be a finite number.",
      "name": "invalidThreshold"
    },
    {
      "code": 7001,
      "msg": "Position features must be as many finite numbers as the vault's model reads.",
      "name": "invalidFeatures"
    },
    {
      "code": 7002,
      "msg": "The model must take one row of 1 to 16 f32 features, return one f32 score and be paid in SOL.",
      "name": "unsuitableModel"
    },
    {
      "code": 7003,
      "msg": "The position is already waiting for a score.",
      "name": "positionPending"
    },
    {
      "code": 7004,
      "msg": "The position is not waiting for a score.",
      "name": "positionNotPending"
    },
    {
      "code": 7005,
      "msg": "The vault's wallet cannot pay the model price and the request rent.",
      "name": "walletUnderfunded"
    },
    {
      "code": 7006,
      "msg": "The request is for another model than the vault's.",
      "name": "wrongModel"
    },
    {
      "code": 7007,
      "msg": "The request was not paid by this vault's wallet.",
      "name": "foreignRequest"
    },
    {
      "code": 7008,
      "msg": "The request is not the one the position is waiting for.",
      "name": "notPendingRequest"
    },
    {
      "code": 7009,
      "msg": "The request has no usable result yet (open, claimed or challenged).",
      "name": "scoreNotReady"
    },
    {
      "code": 7010,
      "msg": "The result is not one inline little-endian f32 (exactly 4 bytes).",
      "name": "invalidScoreOutput"
    },
    {
      "code": 7011,
      "msg": "The result bytes do not hash to the request's output hash.",
      "name": "outputHashMismatch"
    },
    {
      "code": 7012,
      "msg": "Arithmetic overflow.",
      "name": "mathOverflow"
    },
    {
      "code": 7013,
      "msg": "An account's invariant does not hold; the instruction was aborted.",
      "name": "invariantViolated"
    },
    {
      "code": 7014,
      "msg": "The model asks fewer oracles to agree than the vault requires (or min_quorum is 0).",
      "name": "quorumTooLow"
    },
    {
      "code": 7015,
      "msg": "An account this program creates already exists (it has data or another owner).",
      "name": "accountAlreadyExists"
    },
    {
      "code": 7016,
      "msg": "The inference_escrow account does not decode (another layout version?).",
      "name": "unreadableEscrowAccount"
    },
    {
      "code": 7017,
      "msg": "The callback is not inference_escrow delivering this request's callback to this program.",
      "name": "notFromEscrow"
    },
    {
      "code": 7018,
      "msg": "The request's on_score callback has not been delivered yet: deliver it first (anyone may).",
      "name": "callbackPending"
    }
  ],
  "events": [
    {
      "discriminator": [
        44,
        150,
        26,
        216,
        69,
        115,
        75,
        92
      ],
      "name": "scoreApplied"
    },
    {
      "discriminator": [
        45,
        204,
        104,
        189,
        64,
        162,
        78,
        144
      ],
      "name": "scoreDropped"
    },
    {
      "discriminator": [
        68,
        84,
        114,
        224,
        61,
        134,
        127,
        71
      ],
      "name": "scoreRequested"
    }
  ],
  "instructions": [
    {
      "accounts": [
        {
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
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          }
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "account": "position",
                "kind": "account",
                "path": "position.borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "Read through the interface crate, which proves that inference_escrow owns it and that it",
            "is a Request of the layout it knows: nobody else can have written its status or output."
          ],
          "name": "request"
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
          "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        48,
        220,
        89,
        116,
        249,
        13,
        235,
        202
      ],
      "docs": [
        "Anyone: reads the result of the request the position waits for and marks the position",
        "healthy or flagged. A request that ended without a result (failed, expired, refunded)",
        "releases the position to unscored instead."
      ],
      "name": "applyScore"
    },
    {
      "accounts": [
        {
          "docs": [
            "Creates the vault (one per authority) and pays its rent."
          ],
          "name": "authority",
          "signer": true,
          "writable": true
        },
        {
          "docs": [
            "Created here, also when someone funded its address first."
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
                "path": "authority"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The model that will score positions; `validate` reads it through the interface crate,",
            "which checks that inference_escrow owns it and that it is a Model, then its schemas."
          ],
          "name": "model"
        },
        {
          "docs": [
            "The vault's wallet. Nothing is created: a system account springs into existence when",
            "someone sends it SOL. Passed only so that Anchor derives (and we store) its bump."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          }
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "riskThreshold",
          "type": "f32"
        },
        {
          "name": "maxPrice",
          "type": "u64"
        },
        {
          "name": "challenger",
          "type": "pubkey"
        },
        {
          "name": "minQuorum",
          "type": "u8"
        }
      ],
      "discriminator": [
        77,
        79,
        85,
        150,
        33,
        217,
        52,
        106
      ],
      "docs": [
        "Creates the signer's vault, scored by `model` (an inference_escrow Model taking one row of",
        "1 to 16 f32 features and returning one f32, priced in SOL: else `UnsuitableModel`). A score above",
        "`risk_threshold` (finite, else `InvalidThreshold`) flags a position. The vault pays at",
        "most `max_price` lamports per score, whatever the model's owner later sets. Fund the",
        "vault's wallet `[\"wallet\", vault]` with a plain SOL transfer before requesting scores.",
        "Every request names `challenger` (a keeper key) as the one who may dispute its result;",
        "the model must have at least `min_quorum` oracles agree on each score (`QuorumTooLow`)."
      ],
      "name": "initVault"
    },
    {
      "accounts": [
        {
          "docs": [
            "The ended request; read through the interface crate."
          ],
          "name": "request"
        },
        {
          "docs": [
            "The request's callback authority `[\"callback\", request]` under inference_escrow: only the",
            "escrow can sign for it, and only to deliver that request's callback."
          ],
          "name": "callbackAuthority"
        },
        {
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
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          }
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "account": "position",
                "kind": "account",
                "path": "position.borrower"
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
          "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
          "name": "program"
        }
      ],
      "args": [],
      "discriminator": [
        130,
        123,
        249,
        130,
        238,
        43,
        131,
        114
      ],
      "docs": [
        "inference_escrow only (its callback authority signs): the callback of every request",
        "`request_score` makes, called by any crank once the request has ended. Scores the",
        "position waiting for it as `apply_score` does (Settled results only), or releases it",
        "when the request ended without a result; a position that no longer waits for the",
        "request is left alone."
      ],
      "name": "onScore"
    },
    {
      "accounts": [
        {
          "docs": [
            "The borrower; pays the position's rent."
          ],
          "name": "borrower",
          "signer": true,
          "writable": true
        },
        {
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
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "docs": [
            "Created here, also when someone funded its address first (an address anyone can",
            "derive: with Anchor's `init`, one lamport sent there would lock the borrower out)."
          ],
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "kind": "account",
                "path": "borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "11111111111111111111111111111111",
          "name": "systemProgram"
        }
      ],
      "args": [
        {
          "name": "features",
          "type": {
            "vec": "f32"
          }
        }
      ],
      "discriminator": [
        135,
        128,
        47,
        77,
        15,
        152,
        240,
        49
      ],
      "docs": [
        "A borrower opens its position in a vault with its `features` (as many as the vault's",
        "model reads, all finite, else `InvalidFeatures`) and pays its rent. Starts unscored."
      ],
      "name": "openPosition"
    },
    {
      "accounts": [
        {
          "name": "authority",
          "signer": true
        },
        {
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
                "path": "authority"
              }
            ]
          }
        },
        {
          "docs": [
            "The requester of the request: signs `close_request` by CPI and receives the rent."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "A request of the vault's wallet (`ForeignRequest` otherwise). Must be terminal (Settled,",
            "Failed, Expired or Refunded): inference_escrow checks that (and its seeds) and fails",
            "with its own `RequestNotTerminal` otherwise."
          ],
          "name": "request",
          "writable": true
        },
        {
          "address": "ADj3MHABef5c1foTQJuq6WCf8hhzzQaARD47xBN73R9g",
          "docs": [
            "inference_escrow's event authority (first of its two `#[event_cpi]` accounts)."
          ],
          "name": "escrowEventAuthority"
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "docs": [
            "inference_escrow."
          ],
          "name": "escrowProgram"
        }
      ],
      "args": [],
      "discriminator": [
        42,
        102,
        8,
        254,
        153,
        113,
        65,
        171
      ],
      "docs": [
        "Vault authority: closes a terminal request of the vault's wallet whose callback has been",
        "delivered (`CallbackPending`), returning its rent to the wallet."
      ],
      "name": "reclaimRequest"
    },
    {
      "accounts": [
        {
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
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          },
          "writable": true
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "account": "position",
                "kind": "account",
                "path": "position.borrower"
              }
            ]
          },
          "writable": true
        },
        {
          "docs": [
            "The payer of the inference: the requester of the escrow request, signing by CPI."
          ],
          "name": "wallet",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  119,
                  97,
                  108,
                  108,
                  101,
                  116
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "Egi7Vc2J6Qa2y9gCijJWqZN5wEZUJiofaBknv36cKhuv",
          "docs": [
            "inference_escrow's config."
          ],
          "name": "escrowConfig"
        },
        {
          "docs": [
            "The vault's model (`has_one` above)."
          ],
          "name": "model",
          "relations": [
            "vault"
          ]
        },
        {
          "docs": [
            "The request inference_escrow creates: `[\"request\", wallet, next_nonce]` under the escrow."
          ],
          "name": "request",
          "pda": {
            "program": {
              "kind": "const",
              "value": [
                20,
                86,
                113,
                96,
                239,
                131,
                32,
                191,
                227,
                226,
                124,
                78,
                55,
                8,
                81,
                16,
                19,
                82,
                25,
                46,
                129,
                214,
                119,
                220,
                152,
                114,
                159,
                134,
                200,
                121,
                128,
                181
              ]
            },
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
                "path": "wallet"
              },
              {
                "account": "vault",
                "kind": "account",
                "path": "vault.next_nonce"
              }
            ]
          },
          "writable": true
        },
        {
          "address": "ADj3MHABef5c1foTQJuq6WCf8hhzzQaARD47xBN73R9g",
          "docs": [
            "inference_escrow's event authority (first of its two `#[event_cpi]` accounts)."
          ],
          "name": "escrowEventAuthority"
        },
        {
          "address": "2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ",
          "docs": [
            "inference_escrow."
          ],
          "name": "escrowProgram"
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
          "address": "CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe",
          "name": "program"
        }
      ],
      "args": [
        {
          "name": "args",
          "type": {
            "defined": {
              "name": "requestScoreArgs"
            }
          }
        }
      ],
      "discriminator": [
        98,
        94,
        241,
        209,
        46,
        205,
        22,
        203
      ],
      "docs": [
        "Anyone (a keeper): asks inference_escrow to score a position that is not already waiting",
        "(`PositionPending`). The vault's wallet pays the model price and the request rent",
        "(`WalletUnderfunded` if it cannot). The request is `[\"request\", wallet, next_nonce]`",
        "under inference_escrow and must be claimed and fulfilled within `ttl_slots`."
      ],
      "name": "requestScore"
    },
    {
      "accounts": [
        {
          "name": "borrower",
          "signer": true
        },
        {
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
                "account": "vault",
                "kind": "account",
                "path": "vault.authority"
              }
            ]
          }
        },
        {
          "name": "position",
          "pda": {
            "seeds": [
              {
                "kind": "const",
                "value": [
                  112,
                  111,
                  115,
                  105,
                  116,
                  105,
                  111,
                  110
                ]
              },
              {
                "kind": "account",
                "path": "vault"
              },
              {
                "kind": "account",
                "path": "borrower"
              }
            ]
          },
          "writable": true
        }
      ],
      "args": [
        {
          "name": "features",
          "type": {
            "vec": "f32"
          }
        }
      ],
      "discriminator": [
        102,
        75,
        42,
        126,
        57,
        196,
        156,
        9
      ],
      "docs": [
        "The borrower replaces its `features`; the position is unscored again (a pending request",
        "is abandoned)."
      ],
      "name": "updatePosition"
    }
  ],
  "metadata": {
    "description": "Example dApp: a lending vault that scores borrower risk with inference_escrow by CPI.",
    "name": "riskConsumer",
    "spec": "0.1.0",
    "version": "0.1.0"
  },
  "types": [
    {
      "docs": [
        "One borrower's position in a vault: the features the model scores, and the verdict."
      ],
      "name": "position",
      "type": {
        "fields": [
          {
            "docs": [
              "The vault it belongs to."
            ],
            "name": "vault",
            "type": "pubkey"
          },
          {
            "docs": [
              "The borrower; pays the rent and alone may change the features."
            ],
            "name": "borrower",
            "type": "pubkey"
          },
          {
            "docs": [
              "Model input, in the order the vault's model reads them (`vault.feature_count` of them)."
            ],
            "name": "features",
            "type": {
              "vec": "f32"
            }
          },
          {
            "docs": [
              "Risk assessment."
            ],
            "name": "status",
            "type": {
              "defined": {
                "name": "positionStatus"
              }
            }
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
      "docs": [
        "Where a position's risk assessment stands."
      ],
      "name": "positionStatus",
      "type": {
        "kind": "enum",
        "variants": [
          {
            "name": "unscored"
          },
          {
            "fields": [
              {
                "name": "request",
                "type": "pubkey"
              }
            ],
            "name": "pending"
          },
          {
            "fields": [
              {
                "name": "score",
                "type": "f32"
              }
            ],
            "name": "healthy"
          },
          {
            "fields": [
              {
                "name": "score",
                "type": "f32"
              }
            ],
            "name": "flagged"
          }
        ]
      }
    },
    {
      "name": "requestScoreArgs",
      "type": {
        "fields": [
          {
            "docs": [
              "Slots the oracles have to claim and fulfil (at most the escrow's `max_request_ttl_slots`)."
            ],
            "name": "ttlSlots",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "`apply_score` read the result and healthy-or-flagged the position."
      ],
      "name": "scoreApplied",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          },
          {
            "name": "score",
            "type": "f32"
          },
          {
            "docs": [
              "Whether `score` is above the vault's threshold."
            ],
            "name": "flagged",
            "type": "bool"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "`apply_score` found that the request ended without a result (failed, expired or refunded):",
        "the position is back to unscored and may be requested again."
      ],
      "name": "scoreDropped",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "name": "request",
            "type": "pubkey"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "`request_score` created an inference request for a position."
      ],
      "name": "scoreRequested",
      "type": {
        "fields": [
          {
            "name": "vault",
            "type": "pubkey"
          },
          {
            "name": "position",
            "type": "pubkey"
          },
          {
            "docs": [
              "The inference_escrow Request account."
            ],
            "name": "request",
            "type": "pubkey"
          },
          {
            "docs": [
              "Its nonce (the vault's counter before the increment)."
            ],
            "name": "nonce",
            "type": "u64"
          }
        ],
        "kind": "struct"
      }
    },
    {
      "docs": [
        "A lending vault: which model scores its borrowers and where the line between healthy and",
        "flagged is. Its wallet (`[\"wallet\", vault]`) pays for every inference."
      ],
      "name": "vault",
      "type": {
        "fields": [
          {
            "docs": [
              "Creator of the vault, part of its seeds; the only signer that may reclaim request rent."
            ],
            "name": "authority",
            "type": "pubkey"
          },
          {
            "docs": [
              "The inference_escrow Model account that scores positions (checked at `init_vault`)."
            ],
            "name": "model",
            "type": "pubkey"
          },
          {
            "docs": [
              "A score above this flags the position; at or below it the position is healthy."
            ],
            "name": "riskThreshold",
            "type": "f32"
          },
          {
            "docs": [
              "The most the vault pays for one score: the model's owner may raise its price at any",
              "time, and the escrow refuses a request whose price is above this (`PriceAboveMax`)."
            ],
            "name": "maxPrice",
            "type": "u64"
          },
          {
            "docs": [
              "Who may dispute the vault's scores: every request names it as the challenger (the",
              "wallet, a PDA, cannot sign a challenge with a bond by itself). A keeper key that watches",
              "results and challenges wrong ones within the challenge window."
            ],
            "name": "challenger",
            "type": "pubkey"
          },
          {
            "docs": [
              "Fewest oracles that must agree on a score (the model's `policy.quorum`, checked at",
              "`init_vault`): 1 accepts a single-oracle model."
            ],
            "name": "minQuorum",
            "type": "u8"
          },
          {
            "docs": [
              "Features of every position: the model's input is one row of this many f32."
            ],
            "name": "featureCount",
            "type": "u8"
          },
          {
            "docs": [
              "Nonce of the next inference request; the request PDA is",
              "`[\"request\", wallet, next_nonce (u64 le)]` under inference_escrow."
            ],
            "name": "nextNonce",
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
              "Bump of the wallet PDA `[\"wallet\", vault]`."
            ],
            "name": "walletBump",
            "type": "u8"
          }
        ],
        "kind": "struct"
      }
    }
  ]
};
