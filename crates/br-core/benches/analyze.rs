//! How long `analyze` takes on a three-minute answer (about 450 spoken
//! words, fillers and all). The target is under one millisecond, so the
//! report can follow the end of a recording without a visible wait.

use br_core::text::{Pause, SpeechTimeline, TimedWord};
use br_core::{analyze, AnswerInput};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// A rambling but complete answer of about 450 words, in the style of a
/// transcript: fillers, asides, a result in the middle and a lesson.
const ANSWER: &str = "So, um, this was about two years ago, when I was the program manager for the \
checkout team at a mid-sized online retailer. We had this problem where, you know, the checkout page \
was getting slower every month, and by the fall the median load time was like four seconds, which is \
really slow for a checkout. Conversion on mobile had dropped from about three point one percent to two \
point four percent, and the marketing team was, I mean, pretty worried because Black Friday was coming \
up in about ten weeks. My job was to get the page fast again before the holiday traffic without \
stopping the feature work that two other teams had already promised to leadership. So the first thing I \
did was pull the performance data from our monitoring tool, and I looked at every request the page \
made. It turned out that almost half of the load time came from three third party scripts that \
marketing had added over the year, and one of them was basically loading a whole tag manager just to \
fire a single pixel. I put that into a one page doc and, um, I set up a meeting with the head of \
marketing and the two engineering leads. I proposed that we move the scripts behind a consent check and \
load them after the page was interactive, because the data showed that none of them needed to run \
before a customer could pay. Marketing pushed back at first, which, honestly, was fair, since they \
were worried about losing attribution. So I ran a two week test on ten percent of traffic, where the \
scripts loaded late, and we compared the attribution numbers with the control group. The numbers were \
within one percent of each other, and that convinced them. Then I worked with the engineers to split \
the checkout bundle, we added a performance budget to the build so that any change adding more than \
fifty kilobytes would fail, and I set up a weekly review of the page speed dashboard with both teams. \
Um, in the end the median load time went from four seconds to about one point six seconds, mobile \
conversion went back up to three point three percent, and over Black Friday weekend the checkout \
handled about forty percent more orders than the year before without a single outage. The feature work \
shipped on time too, so nobody had to give anything up. I also, uh, wrote a short guide for marketing on \
how to add new scripts safely, and they still use it. The lesson for me was that, you know, when you \
bring data and a small experiment instead of an opinion, people who disagree with you usually come \
around pretty quickly, and now I always try to run a small test before I ask anyone to change how they \
work. So, yeah, that's basically the story.";

fn timings(text: &str) -> (Vec<TimedWord>, SpeechTimeline) {
    let words: Vec<TimedWord> = text
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| TimedWord {
            word: w.to_string(),
            start: i as f64 * 0.4,
            end: i as f64 * 0.4 + 0.3,
        })
        .collect();
    let duration_s = words.last().map_or(0.0, |w| w.end);
    let timeline = SpeechTimeline {
        duration_s,
        speech_s: duration_s * 0.9,
        pauses: vec![
            Pause {
                start: 40.0,
                end: 42.5,
            },
            Pause {
                start: 120.0,
                end: 120.8,
            },
        ],
    };
    (words, timeline)
}

fn bench_analyze(c: &mut Criterion) {
    let words = ANSWER.split_whitespace().count();
    assert!(
        (400..=500).contains(&words),
        "the bench answer has {words} words"
    );
    let (timed, timeline) = timings(ANSWER);
    let input = AnswerInput {
        words: &timed,
        timeline: Some(&timeline),
        question: Some("Tell me about a time you used data to change someone's mind."),
        ..AnswerInput::text(ANSWER)
    };
    c.bench_function("analyze a 3-minute answer (~450 words)", |b| {
        b.iter(|| analyze(black_box(&input)))
    });
}

criterion_group!(benches, bench_analyze);
criterion_main!(benches);
