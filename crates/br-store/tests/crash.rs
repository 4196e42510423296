//! A process killed with SIGKILL while it writes a round leaves a database
//! that opens, passes SQLite's integrity check, and lists the round as open,
//! ready to be resumed or closed.
//!
//! This target has its own `main` (harness = false): run with `--child DIR`
//! it is the victim, playing rounds into DIR forever; without arguments it
//! spawns itself as the victim, kills it mid-round and checks the remains.

mod common;

use br_session::{Round, RoundStatus, Stage};
use br_store::Store;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(Path::new(&args[2]), args[3].parse().unwrap());
    }
    for (kill_after_turns, resume) in [(1, true), (3, false), (6, true)] {
        killed_mid_round_leaves_a_resumable_round(kill_after_turns, resume);
    }
    println!("test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out");
}

/// Plays rounds without pause until a round is open with at least
/// `kill_after_turns` turns, then says "ready" and goes on more slowly, so
/// the parent's kill lands inside that round: while a step is written or
/// between steps.
fn child(dir: &Path, kill_after_turns: usize) -> ! {
    let mut store = Store::open(dir).unwrap();
    let mut ready = false;
    for seed in 0.. {
        let (round_id, mut round) = common::start_round(&mut store, 3, seed, seed as i64);
        let mut step_idx = 0;
        while common::step(&mut store, round_id, &mut round, step_idx) {
            step_idx += 1;
            if !ready
                && round.status() == RoundStatus::Open
                && round.turns().len() >= kill_after_turns
            {
                println!("ready");
                ready = true;
            }
            if ready {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
    unreachable!("the parent kills this process")
}

fn killed_mid_round_leaves_a_resumable_round(kill_after_turns: usize, resume: bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut victim = Command::new(std::env::current_exe().unwrap())
        .arg("--child")
        .arg(dir.path())
        .arg(kill_after_turns.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(victim.stdout.take().unwrap()).lines();
    let line = lines
        .next()
        .expect("the victim reports when it is ready")
        .unwrap();
    assert_eq!(line, "ready");
    victim.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint.
    victim.wait().unwrap();

    let mut store = Store::open(dir.path()).expect("the database opens after the kill");
    let integrity: String = rusqlite::Connection::open(dir.path().join(br_store::DB_FILE))
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let listed = store.list_rounds().unwrap();
    let open: Vec<_> = listed
        .iter()
        .filter(|r| r.status == RoundStatus::Open)
        .collect();
    assert_eq!(
        open.len(),
        1,
        "exactly the round being played is left open: {listed:?}"
    );
    let round_id = open[0].id;

    let record = store.load_round(round_id).unwrap();
    let n_turns = record.turns.len();
    assert!(
        n_turns >= kill_after_turns,
        "committed turns survive the kill"
    );
    let mut round = Round::resume(record).expect("the stored turns are consistent");
    if resume {
        assert!(!matches!(
            round.stage(),
            Stage::Finished { ended_early: true }
        ));
        common::play(&mut store, round_id, &mut round);
        assert_eq!(
            store.load_round(round_id).unwrap().status,
            RoundStatus::Completed
        );
    } else {
        assert_eq!(
            store.close_round(round_id, 0).unwrap(),
            RoundStatus::Abandoned
        );
        let closed = store.load_round(round_id).unwrap();
        assert_eq!(
            (closed.status, closed.turns.len()),
            (RoundStatus::Abandoned, n_turns)
        );
    }
}
