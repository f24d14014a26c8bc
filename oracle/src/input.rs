//! Loading a request's input: inline bytes as they are, or the bytes behind a URI, which must
//! hash to the request's `input_hash` (the program records the hash but cannot check the URI).

use std::time::Duration;

use inference_escrow_client::{DataRef, Request};
use sha2::{Digest, Sha256};

/// Largest input fetched from a URI.
pub const MAX_URI_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// How long one fetch may take.
const FETCH_TIMEOUT: Duration = Duration::from_secs(20);

/// Why an input could not be loaded. Every case is the request's fault: the oracle signs a
/// failure with this text as the reason (at most 128 bytes).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    /// The URI's scheme is not `file`, `http` or `https`.
    #[error("input URI scheme not supported (file, http, https)")]
    UnsupportedScheme,
    /// The URI could not be read.
    #[error("input URI unreadable: {0}")]
    Unreadable(String),
    /// More than [`MAX_URI_INPUT_BYTES`].
    #[error("input at URI is larger than 16 MiB")]
    TooLarge,
    /// The bytes do not hash to the request's `input_hash`.
    #[error("input at URI does not match the request's input_hash")]
    HashMismatch,
}

/// The request's input bytes.
pub async fn load(request: &Request) -> Result<Vec<u8>, InputError> {
    match &request.input {
        DataRef::Inline(bytes) => Ok(bytes.clone()),
        DataRef::Uri(uri) => {
            let bytes = fetch(uri).await?;
            let hash: [u8; 32] = Sha256::digest(&bytes).into();
            if hash != request.input_hash {
                return Err(InputError::HashMismatch);
            }
            Ok(bytes)
        }
    }
}

/// The bytes at `uri` (`file://PATH`, `http://`, `https://`), at most [`MAX_URI_INPUT_BYTES`].
pub async fn fetch(uri: &str) -> Result<Vec<u8>, InputError> {
    let short = |err: &dyn std::fmt::Display| {
        let mut text = err.to_string();
        text.truncate(80);
        InputError::Unreadable(text)
    };
    if let Some(path) = uri.strip_prefix("file://") {
        let metadata = tokio::fs::metadata(path).await.map_err(|e| short(&e))?;
        if metadata.len() > MAX_URI_INPUT_BYTES as u64 {
            return Err(InputError::TooLarge);
        }
        return tokio::fs::read(path).await.map_err(|e| short(&e));
    }
    if !(uri.starts_with("http://") || uri.starts_with("https://")) {
        return Err(InputError::UnsupportedScheme);
    }
    let client = reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .build()
        .map_err(|e| short(&e))?;
    let mut response = client
        .get(uri)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| short(&e))?;
    if response
        .content_length()
        .is_some_and(|len| len > MAX_URI_INPUT_BYTES as u64)
    {
        return Err(InputError::TooLarge);
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| short(&e))? {
        if bytes.len() + chunk.len() > MAX_URI_INPUT_BYTES {
            return Err(InputError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use inference_escrow_client::RequestStatus;

    fn request(input: DataRef, input_hash: [u8; 32]) -> Request {
        Request {
            requester: Default::default(),
            model: Default::default(),
            nonce: 0,
            status: RequestStatus::Open,
            price: 1,
            protocol_fee_bps: 0,
            royalty_bps: 0,
            challenge_window_slots: 0,
            mint: None,
            escrow: 1,
            created_slot: 0,
            deadline_slot: 1,
            input_hash,
            input,
            output_hash: [0; 32],
            output: None,
            output_capacity: 4,
            callback_program: None,
            bump: 0,
            vault_bump: 0,
        }
    }

    #[tokio::test]
    async fn file_uri_with_the_right_hash_loads_and_a_wrong_one_is_refused() {
        let path = std::env::temp_dir().join(format!("input-{}.bin", std::process::id()));
        std::fs::write(&path, [1u8, 2, 3, 4]).unwrap();
        let uri = format!("file://{}", path.display());
        let hash: [u8; 32] = Sha256::digest([1u8, 2, 3, 4]).into();
        assert_eq!(
            load(&request(DataRef::Uri(uri.clone()), hash))
                .await
                .unwrap(),
            vec![1, 2, 3, 4]
        );
        assert_eq!(
            load(&request(DataRef::Uri(uri), [0; 32])).await,
            Err(InputError::HashMismatch)
        );
        std::fs::remove_file(path).unwrap();
    }

    #[tokio::test]
    async fn unreadable_and_unsupported_uris_are_request_faults() {
        let missing = load(&request(
            DataRef::Uri("file:///nonexistent/input".into()),
            [0; 32],
        ))
        .await;
        assert!(
            matches!(missing, Err(InputError::Unreadable(_))),
            "{missing:?}"
        );
        let ftp = load(&request(
            DataRef::Uri("ftp://example/input".into()),
            [0; 32],
        ))
        .await;
        assert_eq!(ftp, Err(InputError::UnsupportedScheme));
        for err in [
            InputError::UnsupportedScheme,
            InputError::TooLarge,
            InputError::HashMismatch,
            InputError::Unreadable("x".repeat(80)),
        ] {
            assert!(err.to_string().len() <= 128, "{err}");
        }
    }

    #[tokio::test]
    async fn http_uri_is_fetched() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buffer = [0u8; 1024];
            let _ = stream.read(&mut buffer).await.unwrap();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: close\r\n\r\nabc")
                .await
                .unwrap();
        });
        assert_eq!(
            fetch(&format!("http://{addr}/input")).await.unwrap(),
            b"abc".to_vec()
        );
    }
}
