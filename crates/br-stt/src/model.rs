//! Checking a model file before whisper.cpp sees it.
//!
//! whisper.cpp's loader trusts the file: a wrong file can abort the process
//! and a truncated one is read past its end without complaint (the last
//! tensors are then garbage). So the whole ggml layout is walked here first:
//! magic, hyper-parameters, mel filters, vocabulary, and every tensor header
//! with the size of its data, which must lie inside the file. Only the
//! headers are read; the ~75 MB of weights are skipped with seeks.

use crate::error::SttError;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

const GGML_MAGIC: u32 = 0x6767_6d6c;
const GGUF_MAGIC: u32 = 0x4655_4747;

/// What the header says about a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    pub n_vocab: i32,
    pub n_audio_layer: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    pub n_tensors: usize,
}

impl ModelInfo {
    /// The model's size class ("tiny", "base", ...) from its layer count.
    pub fn size_class(&self) -> Option<&'static str> {
        Some(match (self.n_audio_layer, self.n_mels) {
            (4, _) => "tiny",
            (6, _) => "base",
            (12, _) => "small",
            (24, _) => "medium",
            (32, 80) => "large-v2",
            (32, 128) => "large-v3",
            _ => return None,
        })
    }

    /// English-only models have one token fewer than multilingual ones.
    pub fn is_english_only(&self) -> bool {
        self.n_vocab == 51864
    }

    /// Tensors a complete model holds: 7 encoder-wide (two convolutions,
    /// positions, final norm), 15 per encoder layer, 4 decoder-wide and 24
    /// per decoder layer (self- and cross-attention).
    fn expected_tensors(&self) -> usize {
        7 + 15 * self.n_audio_layer as usize + 4 + 24 * self.n_text_layer as usize
    }
}

/// Validates the file at `path` as a whisper.cpp ggml model.
pub fn check_model(path: &Path) -> Result<ModelInfo, SttError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(SttError::ModelMissing {
                path: path.to_path_buf(),
            })
        }
        Err(source) => {
            return Err(SttError::ModelUnreadable {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let unreadable = |source| SttError::ModelUnreadable {
        path: path.to_path_buf(),
        source,
    };
    let metadata = file.metadata().map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(SttError::NotAModel {
            path: path.to_path_buf(),
            detail: "it is a folder".into(),
        });
    }
    let mut walker = Walker {
        reader: BufReader::new(file),
        pos: 0,
        len: metadata.len(),
    };
    walker.walk().map_err(|problem| match problem {
        Problem::NotAModel(detail) => SttError::NotAModel {
            path: path.to_path_buf(),
            detail,
        },
        Problem::Truncated(detail) => SttError::ModelTruncated {
            path: path.to_path_buf(),
            detail,
        },
        Problem::Io(source) => SttError::ModelUnreadable {
            path: path.to_path_buf(),
            source,
        },
    })
}

enum Problem {
    NotAModel(String),
    Truncated(String),
    Io(std::io::Error),
}

struct Walker {
    reader: BufReader<File>,
    pos: u64,
    len: u64,
}

impl Walker {
    fn walk(&mut self) -> Result<ModelInfo, Problem> {
        if self.len < 4 {
            return Err(Problem::NotAModel(format!(
                "it is only {} bytes long",
                self.len
            )));
        }
        match self.u32()? {
            GGML_MAGIC => {}
            GGUF_MAGIC => {
                return Err(Problem::NotAModel(
                    "it is a GGUF file; whisper.cpp loads the ggml .bin format".into(),
                ))
            }
            other => {
                return Err(Problem::NotAModel(format!(
                    "it starts with 0x{other:08x}, not the ggml magic"
                )))
            }
        }
        let mut hparams = [0i32; 11];
        for value in &mut hparams {
            *value = self.i32()?;
        }
        let [n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, _ftype] =
            hparams;
        let plausible = (50_000..=52_000).contains(&n_vocab)
            && [
                n_audio_ctx,
                n_audio_state,
                n_audio_head,
                n_text_ctx,
                n_text_state,
                n_text_head,
            ]
            .iter()
            .all(|&v| (1..=8192).contains(&v))
            && (1..=64).contains(&n_audio_layer)
            && (1..=64).contains(&n_text_layer)
            && (n_mels == 80 || n_mels == 128);
        if !plausible {
            return Err(Problem::NotAModel(format!(
                "its hyper-parameters {hparams:?} are not a Whisper model's"
            )));
        }
        let info = ModelInfo {
            n_vocab,
            n_audio_layer,
            n_text_layer,
            n_mels,
            n_tensors: 0,
        };
        let (filter_mels, filter_fft) = (self.i32()?, self.i32()?);
        if !(1..=1024).contains(&filter_mels) || !(1..=4096).contains(&filter_fft) {
            return Err(Problem::NotAModel(
                "its mel filter bank has an impossible size".into(),
            ));
        }
        self.skip(4 * filter_mels as u64 * filter_fft as u64, "mel filters")?;
        let n_words = self.i32()?;
        if !(0..=n_vocab).contains(&n_words) {
            return Err(Problem::NotAModel(format!(
                "its vocabulary claims {n_words} words"
            )));
        }
        for _ in 0..n_words {
            let len = self.u32()?;
            self.skip(len as u64, "vocabulary")?;
        }
        let mut n_tensors = 0;
        while self.pos < self.len {
            self.tensor()?;
            n_tensors += 1;
        }
        let expected = info.expected_tensors();
        if n_tensors < expected {
            return Err(Problem::Truncated(format!(
                "it holds {n_tensors} of the model's {expected} tensors"
            )));
        }
        Ok(ModelInfo { n_tensors, ..info })
    }

    fn tensor(&mut self) -> Result<(), Problem> {
        let (n_dims, name_len, ttype) = (self.i32()?, self.i32()?, self.i32()?);
        if !(1..=4).contains(&n_dims) || !(1..=256).contains(&name_len) {
            return Err(Problem::NotAModel("a tensor header is malformed".into()));
        }
        let mut n_elements: u64 = 1;
        for _ in 0..n_dims {
            let dim = self.i32()?;
            if dim < 1 {
                return Err(Problem::NotAModel("a tensor has an empty dimension".into()));
            }
            n_elements = n_elements.saturating_mul(dim as u64);
        }
        self.skip(name_len as u64, "tensor name")?;
        let (block, block_bytes) = ggml_type_block(ttype).ok_or_else(|| {
            Problem::NotAModel(format!("a tensor has the unknown weight type {ttype}"))
        })?;
        self.skip(n_elements.div_ceil(block) * block_bytes, "tensor data")
    }

    fn skip(&mut self, n_bytes: u64, what: &str) -> Result<(), Problem> {
        let end = self.pos.saturating_add(n_bytes);
        if end > self.len {
            return Err(Problem::Truncated(format!(
                "the file ends inside the {what}, at byte {}",
                self.len
            )));
        }
        self.reader
            .seek(SeekFrom::Start(end))
            .map_err(Problem::Io)?;
        self.pos = end;
        Ok(())
    }

    fn u32(&mut self) -> Result<u32, Problem> {
        if self.pos + 4 > self.len {
            return Err(Problem::Truncated(format!(
                "the file ends at byte {} inside a header",
                self.len
            )));
        }
        let mut bytes = [0u8; 4];
        self.reader.read_exact(&mut bytes).map_err(Problem::Io)?;
        self.pos += 4;
        Ok(u32::from_le_bytes(bytes))
    }

    fn i32(&mut self) -> Result<i32, Problem> {
        self.u32().map(|value| value as i32)
    }
}

/// Elements per block and bytes per block of the ggml weight types a
/// whisper.cpp model may use.
fn ggml_type_block(ttype: i32) -> Option<(u64, u64)> {
    Some(match ttype {
        0 => (1, 4),      // F32
        1 => (1, 2),      // F16
        2 => (32, 18),    // Q4_0
        3 => (32, 20),    // Q4_1
        6 => (32, 22),    // Q5_0
        7 => (32, 24),    // Q5_1
        8 => (32, 34),    // Q8_0
        10 => (256, 84),  // Q2_K
        11 => (256, 110), // Q3_K
        12 => (256, 144), // Q4_K
        13 => (256, 176), // Q5_K
        14 => (256, 210), // Q6_K
        30 => (1, 2),     // BF16
        _ => return None,
    })
}
