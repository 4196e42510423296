//! Speech tests with the real tiny.en model and real and synthesized audio
//! from the shared fixtures (`$BARRAISER_SHARED`, default `../shared` beside
//! the workspace; model `$BARRAISER_MODEL`, default
//! `shared/models/ggml-tiny.en.bin`).
//!
//! Whisper runs on both cores, so the tests take turns through one lock
//! rather than slowing each other down. Measured numbers are printed (run
//! with `--nocapture` to see them); the assertions are the acceptance bounds.

use br_audio::{Recorder, Source, Vad, SAMPLE_RATE};
use br_eval::{normalized_words, word_error_rate};
use br_stt::{
    transcribe_chunked, transcribe_file, ChunkConfig, EngineConfig, ErrorKind, LiveTranscriber,
    SpokenAnswer, SttEngine,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

fn shared() -> PathBuf {
    let dir = std::env::var_os("BARRAISER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    assert!(
        dir.join("audio").is_dir(),
        "shared fixtures not found at {}; set BARRAISER_SHARED",
        dir.display()
    );
    dir
}

fn model_path() -> PathBuf {
    std::env::var_os("BARRAISER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| shared().join("models/ggml-tiny.en.bin"))
}

fn engine() -> Arc<SttEngine> {
    static ENGINE: OnceLock<Arc<SttEngine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| Arc::new(SttEngine::load(&EngineConfig::new(&model_path())).unwrap()))
        .clone()
}

fn whisper_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

const JFK: &str = "And so my fellow Americans, ask not what your country can do for you, \
                   ask what you can do for your country.";

#[test]
fn jfk_gives_its_known_words() {
    let _turn = whisper_turn();
    let answer = transcribe_file(&engine(), &shared().join("audio/real/jfk.wav")).unwrap();
    let wer = word_error_rate(JFK, &answer.transcript.text);
    println!("jfk: {:?} (WER {wer:.3})", answer.transcript.text);
    assert!(wer <= 0.05, "{}", answer.transcript.text);
    assert_eq!(answer.transcript.duration_s, 11.0);
    let words = &answer.transcript.words;
    assert_eq!(normalized_words(&answer.transcript.text).len(), words.len());
    assert!(words
        .windows(2)
        .all(|pair| pair[0].start <= pair[1].start && pair[0].end <= pair[1].start + 1e-9));
    let segment = &answer.transcript.segments[0];
    assert!(segment.start < 0.5 && segment.end > 10.0, "{segment:?}");
    // JFK's two long pauses, after "Americans" and after "ask not".
    let long_pauses: Vec<_> = answer
        .timeline
        .pauses
        .iter()
        .filter(|p| p.end - p.start > 0.8)
        .collect();
    assert_eq!(long_pauses.len(), 2, "{:?}", answer.timeline.pauses);
}

/// Word boundaries known exactly (see tests/data/make-word-timing.sh).
#[test]
fn word_times_are_within_300_ms() {
    #[derive(serde::Deserialize)]
    struct Truth {
        word: String,
        start: f64,
        end: f64,
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let truth: Vec<Truth> =
        serde_json::from_str(&std::fs::read_to_string(data.join("word-timing.json")).unwrap())
            .unwrap();
    let _turn = whisper_turn();
    let answer = transcribe_file(&engine(), &data.join("word-timing.wav")).unwrap();
    // Pair recognized words with the reference in order, skipping misheard ones.
    let mut truth_idx = 0;
    let mut n_matched = 0;
    let mut worst: f64 = 0.0;
    for word in &answer.transcript.words {
        let text = normalized_words(&word.word).join(" ");
        let Some(offset) = truth[truth_idx..]
            .iter()
            .position(|t| t.word.to_lowercase() == text)
        else {
            continue;
        };
        let expected = &truth[truth_idx + offset];
        truth_idx += offset + 1;
        n_matched += 1;
        let error = (word.start - expected.start)
            .abs()
            .max((word.end - expected.end).abs());
        worst = worst.max(error);
        assert!(
            error <= 0.3,
            "{:?} at {:.2}-{:.2}, spoken at {:.2}-{:.2}",
            word.word,
            word.start,
            word.end,
            expected.start,
            expected.end
        );
    }
    println!(
        "word timing: {n_matched} of {} words matched, worst error {worst:.2} s",
        truth.len()
    );
    assert!(
        n_matched >= 15,
        "only {n_matched} words recognised: {}",
        answer.transcript.text
    );
}

/// The filler words of the synthesized answers, as the texts.json count
/// them: "like" only where it is a filler (next to a comma in the script).
const FILLERS: [&str; 6] = ["um", "uh", "like", "you know", "basically", "kind of"];

fn count(words: &[String], phrase: &str) -> usize {
    let phrase: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(phrase.len())
        .filter(|window| window.iter().zip(&phrase).all(|(a, b)| a == b))
        .count()
}

/// Fillers the transcript kept, and fillers in the script.
fn fillers_kept(script: &str, transcript: &str) -> (usize, usize) {
    let (script_words, heard) = (normalized_words(script), normalized_words(transcript));
    let non_filler_likes = script.to_lowercase().matches(" like ").count();
    let mut kept = 0;
    let mut expected = 0;
    for filler in FILLERS {
        let in_script = count(&script_words, filler);
        // Non-filler uses ("I really like the product") are assumed kept first.
        let not_fillers = if filler == "like" {
            non_filler_likes
        } else {
            0
        };
        expected += in_script - not_fillers;
        kept += count(&heard, filler)
            .min(in_script)
            .saturating_sub(not_fillers);
    }
    (kept, expected)
}

struct FillerRun {
    kept: usize,
    expected: usize,
    control_fillers: usize,
    /// Dropped um/uh, and how many of them a hesitation mark points at.
    dropped_um_uh: usize,
    marked_um_uh: usize,
}

fn run_filler_set(engine: &SttEngine) -> FillerRun {
    let dir = shared().join("audio/tts-fillers");
    let texts: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("texts.json")).unwrap()).unwrap();
    let mut run = FillerRun {
        kept: 0,
        expected: 0,
        control_fillers: 0,
        dropped_um_uh: 0,
        marked_um_uh: 0,
    };
    for entry in &texts {
        let (id, script) = (
            entry["id"].as_str().unwrap(),
            entry["text"].as_str().unwrap(),
        );
        for voice in ["en-us", "en-gb"] {
            let answer = transcribe_file(engine, &dir.join(format!("{id}_{voice}.wav"))).unwrap();
            let (kept, expected) = fillers_kept(script, &answer.transcript.text);
            run.kept += kept;
            run.expected += expected;
            let heard = normalized_words(&answer.transcript.text);
            if id == "a7_control" {
                run.control_fillers += ["um", "uh"].iter().map(|f| count(&heard, f)).sum::<usize>();
            }
            let script_words = normalized_words(script);
            let dropped = ["um", "uh"]
                .iter()
                .map(|f| count(&script_words, f).saturating_sub(count(&heard, f)))
                .sum::<usize>();
            run.dropped_um_uh += dropped;
            run.marked_um_uh += dropped.min(answer.hesitations.len());
        }
    }
    run
}

#[test]
fn verbatim_prompt_keeps_95_percent_of_fillers_and_adds_none() {
    let _turn = whisper_turn();
    let run = run_filler_set(&engine());
    println!(
        "fillers kept with the verbatim prompt: {}/{}; control answers got {} um/uh",
        run.kept, run.expected, run.control_fillers
    );
    assert_eq!(run.expected, 66);
    assert!(
        run.kept * 100 >= run.expected * 95,
        "kept {}/{}",
        run.kept,
        run.expected
    );
    assert_eq!(
        run.control_fillers, 0,
        "the prompt made Whisper hear fillers in a fluent answer"
    );
}

#[test]
fn hesitation_marks_point_at_fillers_whisper_dropped() {
    // Without the prompt Whisper drops many um/uh: the acoustic check is
    // what finds them.
    let config = EngineConfig {
        prompt: Some(String::new()),
        ..EngineConfig::new(&model_path())
    };
    let _turn = whisper_turn();
    let plain = SttEngine::load(&config).unwrap();
    let run = run_filler_set(&plain);
    println!(
        "without prompt: fillers kept {}/{}; um/uh dropped {}, of which hesitation marks cover at most {}",
        run.kept, run.expected, run.dropped_um_uh, run.marked_um_uh
    );
    assert!(
        run.kept < run.expected,
        "the unprompted baseline kept every filler; the test measures nothing"
    );
    // Most dropped fillers in these answers sit inside a phrase, where no
    // pause separates them from the next word; the marks find the others.
    assert!(
        run.marked_um_uh >= 1,
        "none of {} dropped um/uh marked",
        run.dropped_um_uh
    );
}

/// A long answer: every real and synthesized clip in turn with 0.8 s pauses
/// between them, repeated to 150 s, written as one WAV.
fn long_answer(dir: &Path) -> (PathBuf, String) {
    let shared = shared();
    let texts: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("audio/tts-fillers/texts.json")).unwrap(),
    )
    .unwrap();
    let mut clips: Vec<(PathBuf, String)> =
        vec![(shared.join("audio/real/jfk.wav"), JFK.to_string())];
    for entry in &texts {
        for voice in ["en-us", "en-gb"] {
            let file = format!(
                "audio/tts-fillers/{}_{voice}.wav",
                entry["id"].as_str().unwrap()
            );
            clips.push((
                shared.join(file),
                entry["text"].as_str().unwrap().to_string(),
            ));
        }
    }
    let mut samples = Vec::new();
    let mut script = String::new();
    for (path, text) in clips.iter().cycle() {
        if samples.len() >= 150 * SAMPLE_RATE as usize {
            break;
        }
        samples.extend(br_audio::read_wav(path).unwrap());
        samples.extend(std::iter::repeat_n(0.0, SAMPLE_RATE as usize * 4 / 5));
        script.push_str(text);
        script.push(' ');
    }
    let path = dir.join("long-answer.wav");
    br_audio::write_wav(&path, &samples).unwrap();
    (path, script)
}

#[test]
fn live_transcript_of_a_long_answer_matches_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let (wav, script) = long_answer(dir.path());
    let _turn = whisper_turn();
    let engine = engine();
    let whole = transcribe_file(&engine, &wav).unwrap();

    // The cut points depend on the audio only, so replaying fast gives the
    // same chunks as real time.
    let live = LiveTranscriber::start(engine.clone(), ChunkConfig::DEFAULT).unwrap();
    let source = Source::Replay {
        wav: wav.clone(),
        speed: 20.0,
    };
    let recording = Recorder::start(
        &source,
        &dir.path().join("replayed.wav"),
        Some(live.listener()),
    )
    .unwrap()
    .wait()
    .unwrap();
    let live: SpokenAnswer = live.finish().unwrap().spoken;
    let one_go = engine
        .transcribe(&br_audio::read_wav(&wav).unwrap())
        .unwrap();

    let wer_live = word_error_rate(&whole.transcript.text, &live.transcript.text);
    let wer_whole = word_error_rate(&script, &whole.transcript.text);
    println!(
        "long answer {:.1} s: WER live vs whole file {:.4}; whole file vs script {:.3}; \
         whisper.cpp in one go vs script {:.3}",
        recording.duration_s,
        wer_live,
        wer_whole,
        word_error_rate(&script, &one_go.text)
    );
    assert!(recording.duration_s >= 150.0);
    assert!(
        live.transcript.segments.len() >= 10,
        "{:?}",
        live.transcript.segments
    );
    assert!(
        wer_live <= 0.02,
        "live:\n{}\nwhole:\n{}",
        live.transcript.text,
        whole.transcript.text
    );
    // Long audio with the prompt neither drops sentences nor loops.
    assert!(wer_whole <= 0.25, "{}", whole.transcript.text);
    assert!(wer_word_count_close(&script, &whole.transcript.text));
    assert!(
        !whole.transcript.text.contains("I'm sorry"),
        "{}",
        whole.transcript.text
    );
    // The live answer carries the same timeline as the recording.
    assert_eq!(live.timeline, recording.timeline);
    assert_eq!(
        live.timeline,
        Vad::over(&br_audio::read_wav(&wav).unwrap()).timeline()
    );
}

fn wer_word_count_close(script: &str, transcript: &str) -> bool {
    let (expected, got) = (
        normalized_words(script).len() as f64,
        normalized_words(transcript).len() as f64,
    );
    (got / expected - 1.0).abs() < 0.1
}

/// `samples` followed by `seconds` of faint room noise.
fn with_room_silence(samples: &[f32], seconds: f64) -> Vec<f32> {
    let mut out = samples.to_vec();
    let mut seed = 7u32;
    for _ in 0..(seconds * SAMPLE_RATE as f64) as usize {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        out.push(((seed >> 16) as f32 / 32_768.0 - 1.0) * 0.001);
    }
    out
}

#[test]
fn silence_before_stop_adds_no_words_and_no_work_at_stop() {
    let dir = tempfile::tempdir().unwrap();
    let _turn = whisper_turn();
    let engine = engine();
    // Its last sentence runs 7 s past the last cut, so the tail holds speech.
    let wav = shared().join("audio/tts-fillers/a6_star_en-us.wav");
    let speech = br_audio::read_wav(&wav).unwrap();
    let plain = transcribe_chunked(&engine, &speech, ChunkConfig::DEFAULT).unwrap();
    let padded = with_room_silence(&speech, 2.0);
    let file = transcribe_chunked(&engine, &padded, ChunkConfig::DEFAULT).unwrap();
    assert_eq!(
        normalized_words(&file.transcript.text),
        normalized_words(&plain.transcript.text),
        "two seconds of silence changed the words"
    );

    let padded_wav = dir.path().join("padded.wav");
    br_audio::write_wav(&padded_wav, &padded).unwrap();
    let live = LiveTranscriber::start(engine.clone(), ChunkConfig::DEFAULT).unwrap();
    let source = Source::Replay {
        wav: padded_wav,
        speed: 10.0,
    };
    Recorder::start(
        &source,
        &dir.path().join("replayed.wav"),
        Some(live.listener()),
    )
    .unwrap()
    .wait()
    .unwrap();
    // In the pause the tail is decoded and shown as part of the live text.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while live.progress().text != file.transcript.text {
        assert!(
            std::time::Instant::now() < deadline,
            "the live text never reached the whole answer: {:?}",
            live.progress()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let finished = live.finish().unwrap();
    assert_eq!(finished.spoken.transcript.text, file.transcript.text);
    assert_eq!(
        finished.decoded_at_stop_s, 0.0,
        "the tail decoded in the pause was decoded again at stop"
    );
}

#[test]
fn bad_model_files_give_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let load = |path: &Path| {
        SttEngine::load(&EngineConfig::new(path))
            .err()
            .expect("must not load")
    };

    let missing = load(&dir.path().join("ggml-none.bin"));
    assert_eq!(missing.kind(), ErrorKind::ModelMissing);
    assert!(missing.to_string().contains("not found"), "{missing}");

    let text = dir.path().join("notes.bin");
    std::fs::write(&text, "Tell me about a time you failed.").unwrap();
    assert_eq!(load(&text).kind(), ErrorKind::NotAModel);
    assert_eq!(load(dir.path()).kind(), ErrorKind::NotAModel);

    let model = std::fs::read(model_path()).unwrap();
    let gguf = dir.path().join("model.gguf");
    std::fs::write(&gguf, [b"GGUF".as_slice(), &model[4..4096]].concat()).unwrap();
    assert!(load(&gguf).to_string().contains("GGUF"));

    // Cut inside the header, the vocabulary, a tensor, and at the last byte.
    for cut in [30, 2_000, model.len() / 2, model.len() - 1] {
        let truncated = dir.path().join(format!("cut-{cut}.bin"));
        std::fs::write(&truncated, &model[..cut]).unwrap();
        let err = load(&truncated);
        assert_eq!(err.kind(), ErrorKind::ModelTruncated, "cut at {cut}: {err}");
        assert!(err.to_string().contains("download it again"), "{err}");
    }

    let info = br_stt::check_model(&model_path()).unwrap();
    assert_eq!(
        (info.size_class(), info.is_english_only()),
        (Some("tiny"), true)
    );
}

#[test]
fn corrupt_or_missing_audio_gives_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let engine = engine();
    let not_wav = dir.path().join("answer.wav");
    std::fs::write(&not_wav, b"ID3\x03\x00 an mp3 pretending to be a WAV").unwrap();
    let err = transcribe_file(&engine, &not_wav).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Audio);
    assert!(err.to_string().contains("not a WAV file"), "{err}");
    let err = transcribe_file(&engine, &dir.path().join("nothing.wav")).unwrap_err();
    assert!(err.to_string().contains("nothing.wav"), "{err}");
}
