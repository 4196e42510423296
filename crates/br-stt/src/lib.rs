//! Local speech-to-text with whisper.cpp (whisper-rs): model loading, verbatim decoding, word timings and live chunked transcription.
