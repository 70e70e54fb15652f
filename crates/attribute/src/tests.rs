//! Unit tests on hand-written inputs and the repository's hard cases.

use super::*;
use quotewire_doc::Alignment;

fn run(text: &str) -> Document {
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    quotewire_segment::segment(&mut d);
    attribute_rules(&mut d);
    d
}

/// (kind, content, cue, source) texts of every attribution.
fn views(d: &Document) -> Vec<(QuoteKind, String, String, String)> {
    let join = |v: &[Span]| {
        v.iter()
            .map(|s| d.slice(*s).replace('\u{a0}', " "))
            .collect::<Vec<_>>()
            .join(" … ")
    };
    d.attributions
        .iter()
        .map(|a| (a.kind, join(&a.content), join(&a.cue), join(&a.source)))
        .collect()
}

fn find<'a>(
    v: &'a [(QuoteKind, String, String, String)],
    start: &str,
) -> &'a (QuoteKind, String, String, String) {
    v.iter()
        .find(|a| {
            a.1.trim_start_matches(['"', '“', '\''])
                .trim_start_matches("that ")
                .starts_with(start)
        })
        .unwrap_or_else(|| panic!("no attribution starting {start:?} in {v:#?}"))
}

#[test]
fn direct_trailer_and_lead_in() {
    let d = run("“We are ready,” Putin said. The president told reporters: “Not now.”");
    let v = views(&d);
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(
        v[0],
        (
            QuoteKind::Direct,
            "“We are ready,”".into(),
            "said".into(),
            "Putin".into()
        )
    );
    assert_eq!(v[1].2, "told");
    assert_eq!(v[1].3, "The president");
}

#[test]
fn indirect_patterns() {
    let d = run(
        "The minister said on Monday that taxes would rise. Prices will fall, a source said. According to officials, the plan failed. The deal is dead, according to two diplomats.",
    );
    let v = views(&d);
    assert_eq!(find(&v, "taxes would rise").3, "The minister");
    assert!(find(&v, "taxes would rise").1.starts_with("that "));
    assert_eq!(find(&v, "Prices will fall").3, "a source");
    assert_eq!(find(&v, "the plan failed").2, "According to");
    assert_eq!(find(&v, "the plan failed").3, "officials");
    assert_eq!(find(&v, "The deal is dead").3, "two diplomats");
    assert!(v.iter().all(|a| a.0 == QuoteKind::Indirect));
}

#[test]
fn nyt_double_apostrophes() {
    let d = run("''It will pass,'' said Sen. Jane Roe, a Democrat.");
    let v = views(&d);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].0, QuoteKind::Direct);
    assert_eq!(v[0].3, "Sen. Jane Roe");
}

#[test]
fn no_panic_on_odd_input() {
    for s in [
        "",
        "said",
        "“",
        "\" said",
        ", said .",
        "according to",
        "He said that",
        "“a,” said",
        "— X",
        "“x” —",
    ] {
        let _ = run(s);
    }
}

/// The repository's hard cases (tests/fixtures/cases): content start, kind,
/// cue and source mention as their expectations give them.
mod cases {
    use super::*;

    const COMPANY: &str =
        include_str!("../../../tests/fixtures/cases/company-and-pronoun-speakers.txt");
    const MULTI: &str = include_str!("../../../tests/fixtures/cases/multi-paragraph-quote.txt");
    const PREV: &str =
        include_str!("../../../tests/fixtures/cases/speaker-in-previous-sentence.txt");
    const SPLIT: &str = include_str!("../../../tests/fixtures/cases/split-quote.txt");
    const TRAILER: &str =
        include_str!("../../../tests/fixtures/cases/trailer-and-colon-attribution.txt");
    const SEED: &str = include_str!("../../../examples/sputnik-2018-12-20-putin-trump.txt");

    #[test]
    fn company_and_pronoun_speakers() {
        let v = views(&run(COMPANY));
        let a = find(&v, "it would cut 200 jobs");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Indirect, "said", "Acme Logistics")
        );
        let a = find(&v, "the cuts were");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Mixed, "said", "The company")
        );
        assert!(a.1.contains("necessary to stay competitive"));
        let a = find(&v, "she regretted the decision");
        assert_eq!((a.0, a.2.as_str()), (QuoteKind::Indirect, "said"));
        assert!(a.3.contains("Maria Lopez"), "{a:?}");
        let a = find(&v, "This is the hardest call");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Direct, "said", "she")
        );
        let a = find(&v, "workers were told by email");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Indirect, "According to", "union officials")
        );
    }

    #[test]
    fn multi_paragraph_quote() {
        let v = views(&run(MULTI));
        let a = find(&v, "We made hard choices");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Direct, "told", "Okafor")
        );
        assert!(a.1.contains("restore the library hours"));
        let a = find(&v, "he would vote against the plan");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Indirect, "said", "Council member Dev Patel")
        );
    }

    #[test]
    fn speaker_in_previous_sentence() {
        let v = views(&run(PREV));
        assert_eq!(v.len(), 1, "{v:#?}");
        let a = find(&v, "We do not have the votes yet");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Direct, "", "Senator Mark Ellison")
        );
    }

    #[test]
    fn split_quote() {
        let d = run(SPLIT);
        let v = views(&d);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert_eq!(d.attributions[0].content.len(), 2);
        let a = find(&v, "The bridge is safe");
        assert_eq!(
            (a.0, a.2.as_str(), a.3.as_str()),
            (QuoteKind::Direct, "said", "chief engineer Tom Reyes")
        );
        assert!(a.1.contains("approach ramps need work"));
    }

    #[test]
    fn trailer_and_colon_attribution() {
        let v = views(&run(TRAILER));
        let a = find(&v, "The audit found no missing funds");
        assert_eq!(
            (a.0, a.3.as_str()),
            (QuoteKind::Direct, "Commissioner Raúl Ibáñez")
        );
        let a = find(&v, "We will appeal the ruling");
        assert_eq!(
            (a.0, a.3.as_str()),
            (QuoteKind::Direct, "council member Dana Whitfield")
        );
    }

    #[test]
    fn seed_article() {
        let v = views(&run(SEED));
        let expect: &[(&str, Option<QuoteKind>, &str, Option<&str>)] = &[
            (
                "he is ready for a possible meeting",
                Some(QuoteKind::Indirect),
                "said",
                Some("Russian President Vladimir Putin"),
            ),
            (
                "I have repeatedly said that we are ready",
                Some(QuoteKind::Direct),
                "said",
                Some("Putin"),
            ),
            (
                "an improvement in Russia-US relations",
                Some(QuoteKind::Indirect),
                "expressed hope",
                Some("Putin"),
            ),
            (
                "I hope that something will get better",
                Some(QuoteKind::Direct),
                "stressed",
                Some("the president"),
            ),
            (
                "he does not know whether Trump",
                Some(QuoteKind::Indirect),
                "noted",
                Some("Putin"),
            ),
            (
                "We see what is happening there",
                Some(QuoteKind::Direct),
                "said",
                Some("Putin"),
            ),
            (
                "the US establishment still refuses",
                Some(QuoteKind::Indirect),
                "added",
                Some("Putin"),
            ),
            ("disrespect for voters", None, "called", Some("Putin")),
            (
                "Russia is ready to build relations",
                Some(QuoteKind::Indirect),
                "according to",
                Some("Putin"),
            ),
            (
                "Whatever happens, we still need",
                Some(QuoteKind::Direct),
                "stressed",
                Some("the president"),
            ),
            (
                "the incident was a provocation",
                Some(QuoteKind::Indirect),
                "According to",
                Some("Moscow"),
            ),
        ];
        for (start, kind, cue, src) in expect {
            let a = v
                .iter()
                .find(|a| {
                    let c = a.1.trim_start_matches(['"', '“']);
                    c.starts_with(start)
                        || c.char_indices()
                            .nth(start.len() + 12)
                            .map_or(c, |(i, _)| &c[..i])
                            .contains(start)
                })
                .unwrap_or_else(|| panic!("no attribution {start:?} in {v:#?}"));
            if let Some(k) = kind {
                assert_eq!(a.0, *k, "{start}: {a:?}");
            }
            assert_eq!(a.2, *cue, "{start}: {a:?}");
            if let Some(s) = src {
                assert_eq!(a.3, *s, "{start}: {a:?}");
            }
        }
    }
}

#[test]
fn stance_cues_nested_cues_and_labels() {
    let d = run(
        "The senator declined to comment on the report. Officials said the mayor claimed that taxes would fall.\n\nMODERATOR: Let us turn to the economy now.",
    );
    let v = views(&d);
    assert_eq!(find(&v, "to comment on the report").3, "The senator");
    let outer = find(&v, "the mayor claimed");
    assert_eq!(outer.3, "Officials");
    assert!(outer.1.ends_with("taxes would fall"), "{outer:?}");
    let inner = find(&v, "taxes would fall");
    assert_eq!(inner.3, "the mayor");
    let label = find(&v, "Let us turn to the economy");
    assert_eq!((label.2.as_str(), label.3.as_str()), (":", "MODERATOR"));
}

#[test]
fn cueless_quote_paragraph_keeps_the_speaker() {
    let d = run(
        "“We will win,” the coach said.\n\n“Nobody believes it yet, but we will.”\n\nThe game starts at noon.",
    );
    let v = views(&d);
    assert_eq!(v.len(), 2, "{v:#?}");
    let a = find(&v, "Nobody believes it yet");
    assert_eq!((a.2.as_str(), a.3.as_str()), ("said", "the coach"));
}

#[test]
fn trailers_with_appositives_and_party_labels() {
    let d = run(
        "“It will pass,” Rep. Jane Roe (D-Ohio), a member of the panel, said in an interview.\n\n“It will fail,” quipped Sen. John Doe.\n\n“Maybe not.”\n— Dr. Ann Lee",
    );
    let v = views(&d);
    assert_eq!(find(&v, "It will pass").3, "Rep. Jane Roe (D-Ohio)");
    assert_eq!(find(&v, "It will fail").3, "Sen. John Doe");
    assert_eq!(find(&v, "Maybe not").3, "Dr. Ann Lee");
}

#[test]
fn no_panic_on_random_mixtures() {
    // deterministic pseudo-random strings over the characters the rules look at
    const ALPHABET: &[&str] = &[
        "said",
        "told",
        "according",
        "to",
        "that",
        "he",
        "The",
        "X",
        ",",
        ".",
        ":",
        "\"",
        "“",
        "”",
        "''",
        "``",
        "«",
        "»",
        "‘",
        "’",
        "—",
        "(",
        ")",
        " ",
        " ",
        "\n",
        "\n\n",
        "é",
        "Mr.",
        "who",
        "and",
        "saying",
        "called",
        "declined",
        "a",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..400 {
        let mut s = String::new();
        for _ in 0..40 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            s.push_str(ALPHABET[(seed >> 33) as usize % ALPHABET.len()]);
            s.push(' ');
        }
        let d = run(&s);
        for a in &d.attributions {
            for sp in a.content.iter().chain(&a.cue).chain(&a.source) {
                assert!(
                    d.text.get(sp.start..sp.end).is_some(),
                    "bad span {sp:?} in {s:?}"
                );
            }
        }
    }
}

#[test]
fn unclosed_quotes_never_span_paragraphs_and_yield_to_inner_cues() {
    let t = "“Paragraph 0 opens a quote and John Smith said it never closes.\n\n\
             “Paragraph 1 opens a quote and John Smith said it never closes.\n\n";
    let d = run(t);
    let v = views(&d);
    assert_eq!(v.len(), 2, "{v:#?}");
    for a in &v {
        assert_eq!(a.0, QuoteKind::Indirect);
        assert_eq!(a.1, "it never closes");
        assert_eq!(a.2, "said");
        assert_eq!(a.3, "John Smith");
    }
    // a real multi-paragraph quote is still one direct attribution
    let t = "“We made hard choices this year.\n\n“Next year we will do better,” Okafor said.";
    let v = views(&run(t));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].0, QuoteKind::Direct);
    assert!(v[0].1.contains("\n\n"));
    assert_eq!(v[0].3, "Okafor");
}

#[test]
fn symbols_between_cue_and_source_are_transparent() {
    let v = views(&run(
        "According to \u{1F600} President Joe Biden, the plan will work.\n",
    ));
    assert_eq!(find(&v, "the plan").3, "President Joe Biden");
    let v = views(&run(
        "The plan will work, said Zoë \u{1F1EB}\u{1F1F7} Müller.\n",
    ));
    assert_eq!(find(&v, "The plan").3, "Zoë \u{1F1EB}\u{1F1F7} Müller");
    let v = views(&run("“The plan will work,” said \u{1F44D} Ann Lee.\n"));
    assert_eq!(find(&v, "The plan").3, "Ann Lee");
}

#[test]
fn format_characters_before_a_quote_keep_it_direct() {
    let v = views(&run(
        "“Fine,” said Bob Jones on Monday. \u{202E}“RTL override,” said Ann Lee.\n",
    ));
    assert_eq!(v.len(), 2, "{v:#?}");
    assert_eq!(
        v[1],
        (
            QuoteKind::Direct,
            "“RTL override,”".to_string(),
            "said".to_string(),
            "Ann Lee".to_string()
        )
    );
    let v = views(&run(
        "Intro text here. \u{FFFD}\u{FFFD}\u{1F600}“We will win this fight,” said Ann Lee.\n",
    ));
    assert_eq!(v.len(), 1, "{v:#?}");
    assert_eq!(v[0].0, QuoteKind::Direct);
    assert_eq!(v[0].1, "“We will win this fight,”");
}

#[test]
fn no_empty_spans_are_stored() {
    // word salad that once gave content [[0,16],[26,26]]
    let d = run("will called they , told , , said");
    assert!(!d.attributions.is_empty());
    for a in &d.attributions {
        assert!(!a.content.is_empty());
        for s in a.content.iter().chain(&a.cue).chain(&a.source) {
            assert!(!s.is_empty(), "{:?}", d.attributions);
        }
    }
}

#[test]
fn long_documents_stay_linear() {
    // shapes that used to rescan every earlier attribution: quotes with
    // trailers, cue-less quotes, unclosed quotes, transcript labels
    let n = 3000;
    let shapes: [(&dyn Fn(usize) -> String, QuoteKind); 3] = [
        (
            &|i| format!("“Part {i} is done,” he said.\n\n"),
            QuoteKind::Direct,
        ),
        (
            &|i| format!("“Part {i} opens and John Smith said it never closes.\n\n"),
            QuoteKind::Indirect,
        ),
        (
            &|i| format!("SMITH: We will talk about part {i} now.\n\n"),
            QuoteKind::Indirect,
        ),
    ];
    for (make, kind) in shapes {
        let t: String = (0..n).map(make).collect();
        let d = run(&t);
        assert_eq!(d.attributions.len(), n);
        assert!(d.attributions.iter().all(|a| a.kind == kind));
    }
}

#[test]
fn according_to_at_the_start_of_a_sentence_is_not_a_panic() {
    // the comma is the sentence's first token: no content before it
    for t in [
        ", according to officials, the plan failed.",
        "It rained. , according to him.",
        ",according to",
    ] {
        let d = run(t);
        for a in &d.attributions {
            for c in &a.content {
                assert!(c.start <= c.end && c.end <= t.len(), "{t:?}: {c:?}");
            }
        }
    }
}

#[test]
fn according_to_trailer_content_stops_at_the_cue() {
    // the clause after "according to X," is not part of the content
    let d = run("Rents rose by a tenth, according to the city council, more than wages did.");
    let v = views(&d);
    let a = find(&v, "Rents");
    assert_eq!(a.1, "Rents rose by a tenth", "{v:#?}");
    assert_eq!(a.2, "according to");
}

#[test]
fn content_ends_before_a_new_clause_with_its_own_subject() {
    // ", but he …", ", and she …", ", although they …", "; it …": a new
    // clause, not part of what was said
    for (text, content) in [
        (
            "The mayor said the bridge would reopen in May, but he gave no date for the road.",
            "the bridge would reopen in May",
        ),
        (
            "The coach said the team was tired, and she sent everyone home early.",
            "the team was tired",
        ),
        (
            "Officials said the dam was safe, although they closed the park below it.",
            "the dam was safe",
        ),
        (
            "The firm said profits had doubled; it did not mention the lawsuit.",
            "profits had doubled",
        ),
    ] {
        let d = run(text);
        let v = views(&d);
        let a = find(&v, content.split(' ').next().unwrap());
        assert_eq!(a.1, content, "{text}: {v:#?}");
    }
    // without a subject of its own the clause goes on ("…, but not soon")
    let d = run("The mayor said the bridge would reopen, but not before May.");
    let v = views(&d);
    assert_eq!(
        find(&v, "the bridge").1,
        "the bridge would reopen, but not before May",
        "{v:#?}"
    );
}

#[test]
fn a_tell_verb_content_starts_at_the_wh_word_after_its_addressee() {
    let d = run("The coach told a local radio host on Friday how tired the players were.");
    let v = views(&d);
    assert_eq!(find(&v, "how").1, "how tired the players were", "{v:#?}");
}
