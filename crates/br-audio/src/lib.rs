//! Microphone capture (cpal), streaming crash-safe WAV files (hound), resampling to 16 kHz and voice-activity detection.
