//! Reading and sanity-checking the header of a whisper.cpp ggml model file.
//!
//! A user can point Bar Raiser at any file; loading a wrong one into
//! whisper.cpp aborts deep inside C code, far from the mistake. So a file is
//! accepted only when its first bytes look like what whisper.cpp's loader
//! reads (`whisper_model_load` in whisper.cpp): the magic `ggml`
//! (0x67676d6c, little-endian), eleven little-endian `i32` hyper-parameters,
//! then the mel filter bank dimensions. The same header tells the model's
//! size class and weight type, which ranks installed models without trusting
//! their file names.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The magic number at the start of every ggml Whisper file.
pub const GGML_MAGIC: u32 = 0x6767_6d6c;
/// The magic number of GGUF, the newer container that whisper.cpp does not load.
const GGUF_MAGIC: u32 = 0x4655_4747;
/// Magic, 11 hyper-parameters, then `n_mel` and `n_fft` of the filter bank.
const HEADER_LEN: usize = 4 + 11 * 4 + 2 * 4;
/// Quantized files store `ftype + 1000 * quantization_version`.
const QNT_VERSION_FACTOR: i32 = 1000;

/// The hyper-parameters of a Whisper model, in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GgmlHeader {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    pub ftype: i32,
}

/// Why a file is not a usable ggml Whisper model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    #[error("cannot read it ({0})")]
    Unreadable(String),
    #[error("it is only {len} bytes, too short for a model")]
    TooShort { len: u64 },
    #[error(
        "it is a GGUF file; whisper.cpp needs the older ggml .bin format (the files named \
         ggml-*.bin on huggingface.co/ggerganov/whisper.cpp)"
    )]
    Gguf,
    #[error("it does not start with the ggml magic number (found 0x{found:08x})")]
    BadMagic { found: u32 },
    #[error("its {field} is {value}, outside the range {min}..={max} of any Whisper model")]
    OutOfRange {
        field: &'static str,
        value: i32,
        min: i32,
        max: i32,
    },
    #[error("its {field} ({value}) is not one of {allowed}")]
    NotAllowed {
        field: &'static str,
        value: i32,
        allowed: &'static str,
    },
    #[error("its {state} ({state_value}) is not a multiple of {heads} ({heads_value})")]
    HeadsMismatch {
        state: &'static str,
        state_value: i32,
        heads: &'static str,
        heads_value: i32,
    },
    #[error("it is truncated: the header promises at least {needed} bytes but the file has {len}")]
    Truncated { needed: u64, len: u64 },
}

/// How the weights are stored, from the header's `ftype`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightType {
    F32,
    F16,
    Q8_0,
    Q5_1,
    Q5_0,
    Q4_1,
    Q4_0,
    /// Another ggml type (k-quants and newer); the raw `ftype` without the
    /// quantization version.
    Other(i32),
}

impl WeightType {
    /// Higher is closer to the original weights. Used to prefer the
    /// unquantized file over a quantized one of the same model size.
    pub fn precision_rank(self) -> u8 {
        match self {
            WeightType::F32 => 7,
            WeightType::F16 => 6,
            WeightType::Q8_0 => 5,
            WeightType::Q5_1 => 4,
            WeightType::Q5_0 => 3,
            WeightType::Q4_1 => 2,
            WeightType::Q4_0 => 1,
            WeightType::Other(_) => 0,
        }
    }
}

impl fmt::Display for WeightType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightType::F32 => f.write_str("f32"),
            WeightType::F16 => f.write_str("f16"),
            WeightType::Q8_0 => f.write_str("q8_0"),
            WeightType::Q5_1 => f.write_str("q5_1"),
            WeightType::Q5_0 => f.write_str("q5_0"),
            WeightType::Q4_1 => f.write_str("q4_1"),
            WeightType::Q4_0 => f.write_str("q4_0"),
            WeightType::Other(ftype) => write!(f, "ggml type {ftype}"),
        }
    }
}

impl GgmlHeader {
    /// How the weights are stored.
    pub fn weight_type(&self) -> WeightType {
        match self.ftype % QNT_VERSION_FACTOR {
            0 => WeightType::F32,
            1 => WeightType::F16,
            2 => WeightType::Q4_0,
            3 => WeightType::Q4_1,
            7 => WeightType::Q8_0,
            8 => WeightType::Q5_0,
            9 => WeightType::Q5_1,
            other => WeightType::Other(other),
        }
    }

    /// The OpenAI size this model has the shape of: "tiny", "base", "small",
    /// "medium", "large" (large-v3-turbo has the large encoder), or "custom".
    pub fn size_class(&self) -> &'static str {
        match (self.n_audio_state, self.n_audio_layer) {
            (384, 4) => "tiny",
            (512, 6) => "base",
            (768, 12) => "small",
            (1024, 24) => "medium",
            (1280, 32) => "large",
            _ => "custom",
        }
    }

    /// English-only models (`*.en`) have one token fewer than multilingual ones.
    pub fn is_english_only(&self) -> bool {
        self.n_vocab == 51864
    }
}

/// Reads and checks the header of the file at `path`.
pub fn read_header(path: &Path) -> Result<GgmlHeader, HeaderError> {
    let unreadable = |e: std::io::Error| HeaderError::Unreadable(e.to_string());
    let mut file = File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    file.by_ref()
        .take(HEADER_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    parse_header(&bytes, len)
}

/// Checks a header given its first bytes and the length of the whole file.
pub fn parse_header(bytes: &[u8], file_len: u64) -> Result<GgmlHeader, HeaderError> {
    if bytes.len() < 4 {
        return Err(HeaderError::TooShort { len: file_len });
    }
    let word = |idx: usize| -> i32 {
        let start = idx * 4;
        i32::from_le_bytes([
            bytes[start],
            bytes[start + 1],
            bytes[start + 2],
            bytes[start + 3],
        ])
    };
    let magic = word(0) as u32;
    if magic == GGUF_MAGIC {
        return Err(HeaderError::Gguf);
    }
    if magic != GGML_MAGIC {
        return Err(HeaderError::BadMagic { found: magic });
    }
    if bytes.len() < HEADER_LEN {
        return Err(HeaderError::TooShort { len: file_len });
    }
    let header = GgmlHeader {
        n_vocab: word(1),
        n_audio_ctx: word(2),
        n_audio_state: word(3),
        n_audio_head: word(4),
        n_audio_layer: word(5),
        n_text_ctx: word(6),
        n_text_state: word(7),
        n_text_head: word(8),
        n_text_layer: word(9),
        n_mels: word(10),
        ftype: word(11),
    };
    let filter_n_mel = word(12);
    let filter_n_fft = word(13);

    // Ranges wide enough for every OpenAI size and for fine-tunes and distilled
    // models of them, narrow enough that random bytes fail.
    check_range("n_vocab", header.n_vocab, 50_000, 60_000)?;
    check_range("n_audio_ctx", header.n_audio_ctx, 1, 4096)?;
    check_range("n_audio_state", header.n_audio_state, 64, 4096)?;
    check_range("n_audio_head", header.n_audio_head, 1, 64)?;
    check_range("n_audio_layer", header.n_audio_layer, 1, 64)?;
    check_range("n_text_ctx", header.n_text_ctx, 1, 4096)?;
    check_range("n_text_state", header.n_text_state, 64, 4096)?;
    check_range("n_text_head", header.n_text_head, 1, 64)?;
    check_range("n_text_layer", header.n_text_layer, 1, 64)?;
    check_heads(
        "n_audio_state",
        header.n_audio_state,
        "n_audio_head",
        header.n_audio_head,
    )?;
    check_heads(
        "n_text_state",
        header.n_text_state,
        "n_text_head",
        header.n_text_head,
    )?;
    if header.n_mels != 80 && header.n_mels != 128 {
        return Err(HeaderError::NotAllowed {
            field: "n_mels",
            value: header.n_mels,
            allowed: "80 or 128",
        });
    }
    check_range("ftype", header.ftype, 0, 10 * QNT_VERSION_FACTOR + 99)?;
    // ggml_ftype values 5 and 6 were removed from ggml; 0-4 and 7-24 exist.
    let base_type = header.ftype % QNT_VERSION_FACTOR;
    if !matches!(base_type, 0..=4 | 7..=24) {
        return Err(HeaderError::NotAllowed {
            field: "ftype",
            value: header.ftype,
            allowed: "a ggml weight type (0-4, 7-24, plus 1000 per quantization version)",
        });
    }
    if filter_n_mel != header.n_mels {
        return Err(HeaderError::NotAllowed {
            field: "mel filter count",
            value: filter_n_mel,
            allowed: "the n_mels of the header",
        });
    }
    check_range("mel filter n_fft", filter_n_fft, 1, 4096)?;
    let needed = HEADER_LEN as u64 + 4 * filter_n_mel as u64 * filter_n_fft as u64;
    if file_len < needed {
        return Err(HeaderError::Truncated {
            needed,
            len: file_len,
        });
    }
    Ok(header)
}

fn check_range(field: &'static str, value: i32, min: i32, max: i32) -> Result<(), HeaderError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(HeaderError::OutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}

fn check_heads(
    state: &'static str,
    state_value: i32,
    heads: &'static str,
    heads_value: i32,
) -> Result<(), HeaderError> {
    if state_value % heads_value == 0 {
        Ok(())
    } else {
        Err(HeaderError::HeadsMismatch {
            state,
            state_value,
            heads,
            heads_value,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header of OpenAI's tiny.en in f16, as whisper.cpp writes it.
    fn tiny_en_words() -> Vec<i32> {
        vec![
            GGML_MAGIC as i32,
            51864,
            1500,
            384,
            6,
            4,
            448,
            384,
            6,
            4,
            80,
            1,
            80,
            201,
        ]
    }

    fn to_bytes(words: &[i32]) -> Vec<u8> {
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    fn check(words: &[i32]) -> Result<GgmlHeader, HeaderError> {
        parse_header(&to_bytes(words), 80_000_000)
    }

    #[test]
    fn tiny_en_header_is_read_field_by_field() {
        let header = check(&tiny_en_words()).unwrap();
        assert_eq!(header.n_vocab, 51864);
        assert_eq!(header.n_text_ctx, 448);
        assert_eq!(header.size_class(), "tiny");
        assert_eq!(header.weight_type(), WeightType::F16);
        assert!(header.is_english_only());
    }

    #[test]
    fn quantized_ftype_carries_the_quantization_version() {
        let mut words = tiny_en_words();
        words[11] = 2009;
        assert_eq!(check(&words).unwrap().weight_type(), WeightType::Q5_1);
        words[11] = 2007;
        assert_eq!(check(&words).unwrap().weight_type(), WeightType::Q8_0);
    }

    #[test]
    fn gguf_is_named_as_such() {
        let mut words = tiny_en_words();
        words[0] = i32::from_le_bytes(*b"GGUF");
        assert_eq!(check(&words), Err(HeaderError::Gguf));
    }

    #[test]
    fn wrong_magic_is_rejected() {
        let res = parse_header(b"RIFF\x24\x00\x00\x00WAVEfmt ", 44);
        assert_eq!(res, Err(HeaderError::BadMagic { found: 0x4646_4952 }));
    }

    #[test]
    fn out_of_range_field_is_named() {
        let mut words = tiny_en_words();
        words[3] = 100_000;
        let err = check(&words).unwrap_err();
        assert!(err.to_string().contains("n_audio_state"), "{err}");
    }

    #[test]
    fn state_must_divide_by_heads() {
        let mut words = tiny_en_words();
        words[4] = 7;
        assert!(matches!(
            check(&words),
            Err(HeaderError::HeadsMismatch { .. })
        ));
    }

    #[test]
    fn removed_ggml_types_are_rejected() {
        let mut words = tiny_en_words();
        words[11] = 5;
        assert!(matches!(
            check(&words),
            Err(HeaderError::NotAllowed { field: "ftype", .. })
        ));
    }

    #[test]
    fn filter_bank_must_match_n_mels() {
        let mut words = tiny_en_words();
        words[12] = 128;
        assert!(matches!(check(&words), Err(HeaderError::NotAllowed { .. })));
    }

    #[test]
    fn header_alone_is_truncated() {
        let res = parse_header(&to_bytes(&tiny_en_words()), HEADER_LEN as u64);
        assert!(matches!(res, Err(HeaderError::Truncated { .. })));
    }

    #[test]
    fn short_file_is_too_short() {
        let bytes = to_bytes(&tiny_en_words()[..5]);
        let res = parse_header(&bytes, bytes.len() as u64);
        assert_eq!(res, Err(HeaderError::TooShort { len: 20 }));
    }
}
