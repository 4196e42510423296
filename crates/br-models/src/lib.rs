//! The Whisper model manager: manifest, resumable verified downloads, user-supplied models and the installed-model catalogue.
