//! Tests of `analyze` as a whole: the JSON contract and the inputs.

use super::*;
use crate::text::{Pause, TimedWord};

#[test]
fn filler_spans_are_character_offsets() {
    let text = "Café — um, naïve plan";
    let a = analyze(&AnswerInput::text(text));
    let um = &a.fillers.spans[0];
    let quoted: String = text
        .chars()
        .skip(um.start)
        .take(um.end - um.start)
        .collect();
    assert_eq!((um.word.as_str(), quoted.as_str()), ("um", "um"));
    assert_eq!(um.start, 7);
}

#[test]
fn fillers_per_minute_use_the_recording_duration() {
    let timeline = SpeechTimeline {
        duration_s: 30.0,
        speech_s: 25.0,
        pauses: vec![],
    };
    let text = "Um, I mean, we uh shipped it.";
    let a = analyze(&AnswerInput {
        timeline: Some(&timeline),
        ..AnswerInput::text(text)
    });
    assert_eq!(a.fillers.total, 3);
    assert_eq!(a.fillers.per_minute, Some(6.0));
    assert_eq!(a.fillers.by_word.get("i mean"), Some(&1));
}

#[test]
fn without_a_timeline_the_last_word_gives_the_duration() {
    let words = vec![TimedWord {
        word: "um".into(),
        start: 0.0,
        end: 120.0,
    }];
    let a = analyze(&AnswerInput {
        words: &words,
        ..AnswerInput::text("um")
    });
    assert_eq!(a.fillers.per_minute, Some(0.5));
    assert_eq!(analyze(&AnswerInput::text("um")).fillers.per_minute, None);
}

#[test]
fn long_pauses_come_from_the_timeline() {
    let timeline = SpeechTimeline {
        duration_s: 100.0,
        speech_s: 90.0,
        pauses: vec![
            Pause {
                start: 5.0,
                end: 8.0,
            },
            Pause {
                start: 9.0,
                end: 10.0,
            },
        ],
    };
    let a = analyze(&AnswerInput {
        timeline: Some(&timeline),
        ..AnswerInput::text("We shipped.")
    });
    assert_eq!(
        a.specificity.long_pauses,
        vec![Pause {
            start: 5.0,
            end: 8.0
        }]
    );
    assert!(a.score.findings.iter().any(|f| f.code == "long_pauses"));
}

#[test]
fn empty_input_still_gets_an_analysis() {
    let a = analyze(&AnswerInput::text(""));
    assert_eq!(a.score.value, 1);
    assert_eq!(a.fillers.total, 0);
    assert!(!a.star.situation.present && !a.star.result.present);
    assert_eq!(a.followups.len(), 1);
}

#[test]
fn serializes_to_the_cli_json_contract() {
    let text =
        "So, um, last year our job failed. My job was to fix it. I rewrote it, and failures \
        dropped by 90 percent.";
    let v = serde_json::to_value(analyze(&AnswerInput::text(text))).expect("serializable");
    assert_eq!(v["fillers"]["by_word"]["um"], 1);
    assert_eq!(v["fillers"]["spans"][0]["word"], "so");
    assert!(v["fillers"]["per_minute"].is_null());
    assert!(v["first_person"]["i"].is_u64() && v["first_person"]["we"].is_u64());
    let span = &v["star"]["situation"]["span"];
    assert!(
        span.is_array() && span.as_array().map(Vec::len) == Some(2),
        "{span}"
    );
    assert_eq!(v["star"]["result"]["present"], true);
    assert_eq!(v["result_quantified"], true);
    assert_eq!(v["hypothetical"], false);
    assert!(v["score"]["value"].is_u64() && v["score"]["reasons"].is_array());
    assert_eq!(v["followups"][0]["kind"], "none");
}

/// Every module of the crate but the root, by path ("extract::clauses"),
/// with its code, read from `src/`.
fn modules() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, prefix: &str, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("src/ is readable")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let module = format!("{prefix}{name}");
            if path.is_dir() {
                walk(&path, &format!("{module}::"), out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !(prefix.is_empty() && ["lib", "tests"].contains(&name.as_str()))
            {
                let code = std::fs::read_to_string(&path).expect("a source file");
                out.push((module, code));
            }
        }
    }
    let mut out = Vec::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walk(&src, "", &mut out);
    out
}

/// The modules `path`'s code names: `crate::a::b`, `super::x` (a sibling or
/// the parent) and, in a parent, `child::`.
fn dependencies(modules: &[(String, String)], path: &str, code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or(code);
    // Comments name modules without depending on them.
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let code = code.as_str();
    let known = |name: &str| modules.iter().any(|(p, _)| p == name);
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let first = ident(rest);
        let second = rest[first.len()..]
            .strip_prefix("::")
            .map(ident)
            .map(|s| format!("{first}::{s}"));
        match second.filter(|s| known(s)) {
            Some(nested) => out.push(nested),
            None if known(&first) => out.push(first),
            None => {}
        }
    }
    let parent = path.rsplit_once("::").map(|(p, _)| p.to_string());
    for (at, _) in code.match_indices("super::") {
        let rest = &code[at + "super::".len()..];
        let names: Vec<String> = match rest.strip_prefix('{') {
            Some(list) => list
                .split('}')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|n| ident(n.trim()))
                .collect(),
            None => vec![ident(rest)],
        };
        for name in names {
            let sibling = parent.as_ref().map(|p| format!("{p}::{name}"));
            match (sibling.filter(|s| known(s)), &parent) {
                (Some(sibling), _) => out.push(sibling),
                (None, Some(parent)) => out.push(parent.clone()),
                (None, None) => {}
            }
        }
    }
    for (child, _) in modules
        .iter()
        .filter(|(p, _)| p.starts_with(&format!("{path}::")))
    {
        let name = &child[path.len() + 2..];
        if code.contains(&format!("{name}::")) {
            out.push(child.to_string());
        }
    }
    out.retain(|d| d != path);
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let modules = modules();
    assert!(modules.iter().any(|(p, _)| p == "extract::clauses"));
    let deps: Vec<(&str, Vec<String>)> = modules
        .iter()
        .map(|(path, code)| (path.as_str(), dependencies(&modules, path, code)))
        .collect();
    let of = |m: &str| deps.iter().find(|(p, _)| *p == m).map(|(_, d)| d.clone());
    // The follow-ups read facts, not the extraction, and the output types
    // read nothing that computes them.
    assert!(of("followup").is_some_and(|d| !d.iter().any(|x| x.starts_with("extract"))));
    assert!(of("analysis").is_some_and(|d| d
        .iter()
        .all(|x| ["principle", "rules", "text"].contains(&x.as_str()))));
    // Depth-first search for a cycle from every module.
    fn visit<'a>(
        m: &'a str,
        deps: &'a [(&'a str, Vec<String>)],
        stack: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) {
        if done.contains(&m) {
            return;
        }
        assert!(!stack.contains(&m), "module cycle: {stack:?} -> {m}");
        stack.push(m);
        if let Some((_, ds)) = deps.iter().find(|(p, _)| *p == m) {
            for d in ds {
                visit(d, deps, stack, done);
            }
        }
        stack.pop();
        done.push(m);
    }
    let mut done = Vec::new();
    for (m, _) in &deps {
        visit(m, &deps, &mut Vec::new(), &mut done);
    }
}
