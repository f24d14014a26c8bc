//! Borsh, read and written by hand: the account and instruction layouts are the escrow's
//! Borsh encodings, and this crate must not tie its users to a borsh or anchor-lang version.

use solana_pubkey::Pubkey;

use crate::InterfaceError;

/// A cursor over Borsh bytes; every read past the end is `Malformed`.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    pub(crate) fn take(&mut self, len: usize) -> Result<&'a [u8], InterfaceError> {
        if self.bytes.len() < len {
            return Err(InterfaceError::Malformed);
        }
        let (head, tail) = self.bytes.split_at(len);
        self.bytes = tail;
        Ok(head)
    }

    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N], InterfaceError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, InterfaceError> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn bool(&mut self) -> Result<bool, InterfaceError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(InterfaceError::Malformed),
        }
    }

    pub(crate) fn u16(&mut self) -> Result<u16, InterfaceError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, InterfaceError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn i32(&mut self) -> Result<i32, InterfaceError> {
        Ok(i32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, InterfaceError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn pubkey(&mut self) -> Result<Pubkey, InterfaceError> {
        Ok(Pubkey::new_from_array(self.array()?))
    }

    pub(crate) fn bytes(&mut self) -> Result<Vec<u8>, InterfaceError> {
        let len = self.u32()? as usize;
        Ok(self.take(len)?.to_vec())
    }

    pub(crate) fn string(&mut self) -> Result<String, InterfaceError> {
        String::from_utf8(self.bytes()?).map_err(|_| InterfaceError::Malformed)
    }

    pub(crate) fn option<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, InterfaceError>,
    ) -> Result<Option<T>, InterfaceError> {
        match self.u8()? {
            0 => Ok(None),
            1 => read(self).map(Some),
            _ => Err(InterfaceError::Malformed),
        }
    }

    pub(crate) fn vec<T>(
        &mut self,
        mut read: impl FnMut(&mut Self) -> Result<T, InterfaceError>,
    ) -> Result<Vec<T>, InterfaceError> {
        let len = self.u32()? as usize;
        // Each element takes at least one byte: a length beyond the data is malformed, not a
        // reason to allocate.
        if len > self.bytes.len() {
            return Err(InterfaceError::Malformed);
        }
        (0..len).map(|_| read(self)).collect()
    }
}

/// Borsh output for instruction data.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn put(&mut self, bytes: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(bytes);
        self
    }

    pub(crate) fn u8(&mut self, value: u8) -> &mut Self {
        self.put(&[value])
    }

    pub(crate) fn u32(&mut self, value: u32) -> &mut Self {
        self.put(&value.to_le_bytes())
    }

    pub(crate) fn u64(&mut self, value: u64) -> &mut Self {
        self.put(&value.to_le_bytes())
    }

    /// A `Vec<u8>` or `String`: u32 length, then the bytes.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        // Inputs longer than u32::MAX cannot reach an instruction anyway.
        self.u32(bytes.len() as u32).put(bytes)
    }

    pub(crate) fn option_pubkey(&mut self, key: Option<&Pubkey>) -> &mut Self {
        match key {
            None => self.u8(0),
            Some(key) => self.u8(1).put(key.as_ref()),
        }
    }
}
