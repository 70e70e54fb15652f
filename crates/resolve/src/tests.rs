//! Regression tests on the seed and the hard cases, with hand-built
//! attributions standing in for the attribute stage.
use super::*;
use quotewire_doc::{Alignment, Attribution, EntityType, QuoteKind, Span};

/// Span of the `nth` occurrence of `needle` in `text`.
fn at(text: &str, needle: &str, nth: usize) -> Span {
    let mut from = 0;
    let mut hit = None;
    for _ in 0..=nth {
        let i = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"))
            + from;
        hit = Some(i);
        from = i + needle.len();
    }
    let i = hit.unwrap_or(0);
    Span::new(i, i + needle.len())
}

struct Att<'a> {
    kind: QuoteKind,
    source: Option<(&'a str, usize)>,
    cue: Option<(&'a str, usize)>,
    content: (&'a str, usize),
}

fn doc(text: &str, atts: &[Att]) -> Document {
    let mut d = Document::new("t", text.to_string(), Alignment::identity());
    quotewire_segment::segment(&mut d);
    for a in atts {
        d.attributions.push(Attribution {
            kind: a.kind,
            content: vec![at(text, a.content.0, a.content.1)],
            cue: a.cue.map(|(c, n)| vec![at(text, c, n)]).unwrap_or_default(),
            source: a
                .source
                .map(|(c, n)| vec![at(text, c, n)])
                .unwrap_or_default(),
            speaker: None,
            confidence: None,
        });
    }
    d
}

fn att<'a>(
    kind: QuoteKind,
    source: &'a str,
    sn: usize,
    cue: &'a str,
    cn: usize,
    content: &'a str,
) -> Att<'a> {
    Att {
        kind,
        source: (!source.is_empty()).then_some((source, sn)),
        cue: (!cue.is_empty()).then_some((cue, cn)),
        content: (content, 0),
    }
}

fn speakers(d: &Document) -> Vec<String> {
    d.attributions
        .iter()
        .map(|a| a.speaker.as_ref().map_or(String::new(), |s| s.name.clone()))
        .collect()
}

fn entity<'a>(d: &'a Document, name: &str) -> &'a Entity {
    d.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no entity {name}: {:?}",
                d.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
            )
        })
}

/// The seed's article paragraphs (what a correct extraction keeps).
fn seed_text() -> String {
    let raw = include_str!("../../../examples/sputnik-2018-12-20-putin-trump.txt");
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("MOSCOW"))
        .unwrap_or(0);
    let end = lines
        .iter()
        .position(|l| l.starts_with("According to"))
        .unwrap_or(0);
    lines[start..=end]
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("READ MORE"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n")
        .replace('\u{a0}', " ")
}

#[test]
fn seed_speakers_entities_titles_timexes() {
    use QuoteKind::*;
    let text = seed_text();
    let t = text.as_str();
    let mut d = doc(
        t,
        &[
            att(
                Indirect,
                "Russian President Vladimir Putin",
                0,
                "said",
                0,
                "he is ready",
            ),
            att(Direct, "Putin", 1, "said", 2, "I have repeatedly"),
            att(
                Indirect,
                "Putin",
                2,
                "expressed hope",
                0,
                "for an improvement",
            ),
            att(Direct, "the president", 0, "stressed", 0, "I hope that"),
            att(Indirect, "Putin", 3, "noted", 0, "he does not know"),
            att(Direct, "Putin", 4, "said", 3, "We see what"),
            att(Indirect, "Putin", 5, "added", 0, "the US establishment"),
            att(
                Indirect,
                "Russia is ready",
                0,
                "according to",
                0,
                "Russia is ready to build",
            ),
            att(
                Direct,
                "the president",
                1,
                "stressed",
                1,
                "Whatever happens",
            ),
            att(Indirect, "Moscow", 0, "According to", 0, "the incident was"),
        ],
    );
    // the 8th attribution's source is "Putin" after "according to"
    let s = at(t, "according to Putin", 0);
    d.attributions[7].source = vec![Span::new(s.end - 5, s.end)];
    d.meta.published = Some("2021-04-15T00:12".into());
    d.meta.series = Some("Putin's 2018 Year-End Press Conference".into());
    resolve(&mut d);
    let sp = speakers(&d);
    for (i, s) in sp.iter().enumerate().take(9) {
        assert_eq!(s, "Vladimir Putin", "attribution {i}");
    }
    assert_eq!(sp[9], "Moscow");
    let putin = entity(&d, "Vladimir Putin");
    assert_eq!(putin.kind, EntityType::Person);
    assert_eq!(putin.titles, vec!["Russian President"]);
    assert_eq!(entity(&d, "Donald Trump").titles, vec!["US President"]);
    for (n, k) in [
        ("Moscow", EntityType::Location),
        ("Buenos Aires", EntityType::Location),
        ("Kerch Strait", EntityType::Location),
        ("North Korea", EntityType::Location),
        ("Afghanistan", EntityType::Location),
        ("Ukraine", EntityType::Location),
        ("Russia", EntityType::Location),
        ("Congress", EntityType::Organization),
        ("G20", EntityType::Organization),
        ("Ukrainian Navy", EntityType::Organization),
    ] {
        assert_eq!(entity(&d, n).kind, k, "{n}");
    }
    // speaker entity ids point at the right entity
    let e = d.attributions[0]
        .speaker
        .as_ref()
        .and_then(|s| s.entity)
        .unwrap_or(usize::MAX);
    assert_eq!(d.entities[e].name, "Vladimir Putin");
    // "the president" became a mention of Putin
    assert!(putin.mentions.contains(&at(t, "the president", 0)));
    let tx: Vec<(&str, Option<&str>)> = d
        .timexes
        .iter()
        .map(|x| (d.slice(x.span), x.value.as_deref()))
        .collect();
    assert!(tx.contains(&("Thursday", None)) || tx.iter().any(|x| x.0 == "Thursday"));
    assert!(tx.contains(&("December 1", Some("2018-12-01"))), "{tx:?}");
    assert!(tx.contains(&("2016", Some("2016"))), "{tx:?}");
    assert_eq!(d.warnings.len(), 1);
    assert!(d.warnings[0].contains("2021") && d.warnings[0].contains("2018"));
    // with the article URL (which carries its date) "Thursday" resolves fully
    let mut d2 = d.clone();
    d2.url = Some("https://sputniknews.com/world/201812201070000000-putin-trump/".into());
    d2.warnings.clear();
    resolve(&mut d2);
    let th = d2
        .timexes
        .iter()
        .find(|x| d2.slice(x.span) == "Thursday")
        .and_then(|x| x.value.clone());
    assert_eq!(th.as_deref(), Some("2018-12-20"));
}

#[test]
fn company_and_pronoun_speakers() {
    use QuoteKind::*;
    let t = include_str!("../../../tests/fixtures/cases/company-and-pronoun-speakers.txt");
    let mut d = doc(
        t,
        &[
            att(Indirect, "Acme Logistics", 0, "said", 0, "it would cut"),
            att(Mixed, "The company", 0, "said", 1, "the cuts were"),
            att(
                Indirect,
                "Its chief executive, Maria Lopez",
                0,
                "said",
                2,
                "she regretted",
            ),
            att(
                Direct,
                "she",
                1,
                "said",
                3,
                "This is the hardest call I have made in twenty years",
            ),
            att(
                Indirect,
                "union officials",
                0,
                "According to",
                0,
                "workers were told",
            ),
        ],
    );
    resolve(&mut d);
    assert_eq!(
        speakers(&d),
        vec![
            "Acme Logistics",
            "Acme Logistics",
            "Maria Lopez",
            "Maria Lopez",
            "union officials"
        ]
    );
    assert!(
        d.attributions[4]
            .speaker
            .as_ref()
            .is_some_and(|s| s.entity.is_none())
    );
    assert_eq!(entity(&d, "Maria Lopez").titles, vec!["chief executive"]);
    // "she" (twice: a source and an anaphor) and the quote's "I" are her mentions
    let lopez = entity(&d, "Maria Lopez");
    let i = at(t, "I have made", 0).start;
    assert!(lopez.mentions.contains(&Span::new(i, i + 1)));
    assert!(lopez.mentions.contains(&at(t, "she", 1)));
    assert_eq!(entity(&d, "Acme Logistics").kind, EntityType::Organization);
    assert_eq!(entity(&d, "Rotterdam").kind, EntityType::Location);
    assert!(d.timexes.iter().any(|x| d.slice(x.span) == "Monday"));
}

#[test]
fn multi_paragraph_quote() {
    use QuoteKind::*;
    let t = include_str!("../../../tests/fixtures/cases/multi-paragraph-quote.txt");
    let mut d = doc(
        t,
        &[
            att(Direct, "Okafor", 1, "told", 0, "We made hard choices"),
            att(
                Indirect,
                "Council member Dev Patel",
                0,
                "said",
                0,
                "he would vote",
            ),
        ],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Linda Okafor", "Dev Patel"]);
    assert_eq!(entity(&d, "Linda Okafor").titles, vec!["Mayor"]);
    assert_eq!(entity(&d, "Dev Patel").titles, vec!["Council member"]);
    assert_eq!(entity(&d, "Dev Patel").kind, EntityType::Person);
}

#[test]
fn speaker_in_previous_sentence() {
    let t = include_str!("../../../tests/fixtures/cases/speaker-in-previous-sentence.txt");
    let mut d = doc(t, &[att(QuoteKind::Direct, "", 0, "", 0, "We do not have")]);
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Mark Ellison"]);
    assert_eq!(entity(&d, "Mark Ellison").titles, vec!["Senator"]);
}

#[test]
fn split_quote_and_trailers() {
    use QuoteKind::*;
    let t = include_str!("../../../tests/fixtures/cases/split-quote.txt");
    let mut d = doc(
        t,
        &[att(
            Direct,
            "chief engineer Tom Reyes",
            0,
            "said",
            0,
            "The bridge is safe",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Tom Reyes"]);
    assert_eq!(entity(&d, "Tom Reyes").titles, vec!["chief engineer"]);
    assert!(d.timexes.iter().any(|x| d.slice(x.span) == "March"));

    let t = include_str!("../../../tests/fixtures/cases/trailer-and-colon-attribution.txt");
    let mut d = doc(
        t,
        &[
            att(
                Direct,
                "Commissioner Raúl Ibáñez",
                0,
                "",
                0,
                "The audit found",
            ),
            att(
                Direct,
                "council member Dana Whitfield",
                0,
                "",
                0,
                "We will appeal",
            ),
        ],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Raúl Ibáñez", "Dana Whitfield"]);
    assert_eq!(entity(&d, "Raúl Ibáñez").titles, vec!["Commissioner"]);
    assert_eq!(entity(&d, "Dana Whitfield").titles, vec!["council member"]);
}

#[test]
fn html_case_texts() {
    use QuoteKind::*;
    // main texts of the three HTML cases, as a correct extraction gives them
    let t = "The port commission voted 5-2 on Monday to approve a dredging plan that will deepen the main channel by two metres.\n\n“Larger ships have been turning away for years,” said commission chair Ola Nordmann. “This fixes that.”\n\nEnvironmental groups said they would study the plan before deciding whether to challenge it.";
    let mut d = doc(
        t,
        &[
            att(
                Direct,
                "commission chair Ola Nordmann",
                0,
                "said",
                0,
                "Larger ships",
            ),
            att(
                Indirect,
                "Environmental groups",
                0,
                "said",
                1,
                "they would study",
            ),
        ],
    );
    d.meta.published = Some("2019-03-04".into());
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Ola Nordmann", "Environmental groups"]);
    assert_eq!(entity(&d, "Ola Nordmann").titles, vec!["commission chair"]);
    assert!(d.warnings.is_empty());
    let mon = d
        .timexes
        .iter()
        .find(|x| d.slice(x.span) == "Monday")
        .and_then(|x| x.value.clone());
    assert_eq!(mon.as_deref(), Some("2019-03-04"));

    let t = "Train drivers returned to work on Tuesday after the union accepted a revised pay offer.\n\nThe union’s general secretary, Helen Brandt, called the deal “a fair result for everyone involved.”";
    let mut d = doc(
        t,
        &[att(
            Mixed,
            "The union’s general secretary, Helen Brandt",
            0,
            "called",
            0,
            "a fair result",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Helen Brandt"]);
    assert_eq!(entity(&d, "Helen Brandt").titles, vec!["general secretary"]);

    let t = "Flood warnings for the lower valley were lifted on Sunday as the river fell below its alert level for the first time in a week.\n\nResidents were told they could return to their homes, the county emergency office said.";
    let mut d = doc(
        t,
        &[att(
            Indirect,
            "the county emergency office",
            0,
            "said",
            0,
            "Residents were told",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["county emergency office"]);
    assert!(
        !d.entities
            .iter()
            .any(|e| e.name == "Flood" || e.name == "Residents")
    );
}

#[test]
fn appositions_and_modifiers_leave_the_name_as_speaker() {
    use QuoteKind::*;
    let t = "Ravi Okonkwo, a spokesman for the harbour authority, said the pier was closed. Lena Marsh for Coastal Ferries Ltd said boats would wait. Governor Paul Dunmore personally said no. Tomas Ruiz, SC, said the case was weak.";
    let mut d = doc(
        t,
        &[
            att(
                Indirect,
                "Ravi Okonkwo, a spokesman for the harbour authority",
                0,
                "said",
                0,
                "the pier was closed",
            ),
            att(
                Indirect,
                "Lena Marsh for Coastal Ferries Ltd",
                0,
                "said",
                1,
                "boats would wait",
            ),
            att(
                Indirect,
                "Governor Paul Dunmore personally",
                0,
                "said",
                2,
                "no",
            ),
            att(Indirect, "Tomas Ruiz, SC", 0, "said", 3, "the case"),
        ],
    );
    resolve(&mut d);
    assert_eq!(
        speakers(&d),
        vec!["Ravi Okonkwo", "Lena Marsh", "Paul Dunmore", "Tomas Ruiz"]
    );
    for a in &d.attributions {
        let e = a
            .speaker
            .as_ref()
            .and_then(|s| s.entity)
            .expect("an entity");
        assert_eq!(d.entities[e].kind, EntityType::Person);
    }
}

#[test]
fn a_source_name_seen_before_is_the_same_entity() {
    use QuoteKind::*;
    let t = "Smith said the budget was late. He added that taxes would rise. Smith said the vote would wait. He added that talks continue. Smith said nothing more.";
    let mut d = doc(
        t,
        &[
            att(Indirect, "Smith", 0, "said", 0, "the budget"),
            att(Indirect, "He", 0, "added", 0, "that taxes"),
            att(Indirect, "Smith", 1, "said", 1, "the vote"),
            att(Indirect, "He", 1, "added", 1, "that talks"),
            att(Indirect, "Smith", 2, "said", 2, "nothing"),
        ],
    );
    resolve(&mut d);
    let smiths: Vec<_> = d.entities.iter().filter(|e| e.name == "Smith").collect();
    assert_eq!(smiths.len(), 1, "{:?}", d.entities);
    assert_eq!(smiths[0].kind, EntityType::Person);
    assert_eq!(smiths[0].mentions.len(), 5);
    assert!(
        d.attributions
            .iter()
            .all(|a| a.speaker.as_ref().and_then(|s| s.entity) == Some(0))
    );
}

#[test]
fn a_month_in_a_time_expression_is_no_entity() {
    let t = "Elections are due in May, and the mayor said in May she would run. Theresa May spoke.";
    let mut d = doc(t, &[]);
    d.meta.published = Some("2019-03-04".into());
    resolve(&mut d);
    let mays: Vec<_> = d
        .entities
        .iter()
        .filter(|e| e.name.contains("May"))
        .collect();
    assert!(
        mays.iter().all(|e| e.kind == EntityType::Person),
        "{mays:?}"
    );
    assert_eq!(
        d.timexes
            .iter()
            .filter(|x| d.slice(x.span) == "May")
            .count(),
        2
    );
}

#[test]
fn a_title_source_takes_the_name_in_apposition_after_it() {
    use QuoteKind::*;
    let t = "The robots were fast. According to the Latvian team's coach, Ilze Varna, the match was close.";
    let mut d = doc(
        t,
        &[att(
            Indirect,
            "the Latvian team's coach",
            0,
            "According to",
            0,
            "the match was close",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Ilze Varna"]);
    assert_eq!(entity(&d, "Ilze Varna").kind, EntityType::Person);
}

#[test]
fn a_pronoun_goes_to_the_topic_of_the_passage() {
    use QuoteKind::*;
    let t = "Maria Lopez opened the clinic in 2010. Lopez works nights. \"She never stops,\" said Ana Ruiz, a nurse. She plans to expand the clinic next year.";
    let mut d = doc(
        t,
        &[att(
            Direct,
            "Ana Ruiz",
            0,
            "said",
            0,
            "\"She never stops,\"",
        )],
    );
    resolve(&mut d);
    let lopez = entity(&d, "Maria Lopez");
    let she = at(t, "She plans", 0);
    assert!(
        lopez.mentions.iter().any(|m| m.start == she.start),
        "{:?}",
        d.entities
    );
}

#[test]
fn a_lone_given_name_is_a_person_and_she_reaches_her() {
    let t = "Tom Reyes and his wife Ana Reyes lost their daughter, Gloria. Doctors said Gloria was ill. She had eczema.";
    let mut d = doc(t, &[]);
    resolve(&mut d);
    let g = entity(&d, "Gloria");
    assert_eq!(g.kind, EntityType::Person);
    let she = at(t, "She had", 0);
    assert!(
        g.mentions.iter().any(|m| m.start == she.start),
        "{:?}",
        d.entities
    );
}

#[test]
fn plural_they_is_no_organisation() {
    use QuoteKind::*;
    let t = "Northwind Energy opened a plant near the river. They said the water was safe.";
    let mut d = doc(
        t,
        &[att(Indirect, "They", 0, "said", 0, "the water was safe")],
    );
    resolve(&mut d);
    let sp = d.attributions[0].speaker.as_ref().expect("a speaker");
    assert_eq!(sp.entity, None, "{sp:?}");
    assert_eq!(sp.name, "They");
}

#[test]
fn a_capitalised_title_after_a_determiner_is_a_nominal() {
    use QuoteKind::*;
    let t = "President Alma Reyes met the governors on Monday. The President said the talks were useful.";
    let mut d = doc(
        t,
        &[att(
            Indirect,
            "The President",
            0,
            "said",
            0,
            "the talks were useful",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Alma Reyes"]);
}

#[test]
fn a_pronoun_prefers_the_person_just_mentioned_over_the_last_speaker() {
    use QuoteKind::*;
    let t = "Mark Quill said the gallery would open. For Peter Vance, a local teacher, the show mattered. He said it was overdue.";
    let mut d = doc(
        t,
        &[
            att(Indirect, "Mark Quill", 0, "said", 0, "the gallery"),
            att(Indirect, "He", 0, "said", 1, "it was overdue"),
        ],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Mark Quill", "Peter Vance"]);
}

#[test]
fn modifiers_groups_and_places_are_not_speakers() {
    use QuoteKind::*;
    let t = "Disney executive Kevin Mayer spoke. A statement from Mayer followed. Bolivia’s public defender’s office said the arrests were illegal. Protesters said they would return. Mayer said demand was high.";
    let mut d = doc(
        t,
        &[
            att(
                Indirect,
                "Bolivia’s public defender’s office",
                0,
                "said",
                0,
                "the arrests",
            ),
            att(Indirect, "Protesters", 0, "said", 1, "they would return"),
            att(Indirect, "Mayer", 2, "said", 2, "demand was high"),
        ],
    );
    resolve(&mut d);
    assert_eq!(
        speakers(&d),
        vec![
            "Bolivia’s public defender’s office",
            "Protesters",
            "Kevin Mayer"
        ]
    );
    assert_eq!(entity(&d, "Kevin Mayer").mentions.len(), 3);
    assert!(
        !d.entities
            .iter()
            .any(|e| e.name == "Mayer" || e.name == "Protesters")
    );
    assert_eq!(entity(&d, "Kevin Mayer").titles, vec!["Disney executive"]);
}

#[test]
fn sources_with_titles_and_modifiers() {
    use QuoteKind::*;
    let t = "Homeland Security Secretary Jeh Johnson spoke. Republican Donald Trump spoke. A tech staffer at the State Department said it was fine. US Secretary of State Mike Pompeo said no. Trump said yes.";
    let mut d = doc(
        t,
        &[
            att(
                Indirect,
                "A tech staffer at the State Department",
                0,
                "said",
                0,
                "it was fine",
            ),
            att(
                Indirect,
                "US Secretary of State Mike Pompeo",
                0,
                "said",
                1,
                "no",
            ),
            att(Indirect, "Trump", 1, "said", 2, "yes"),
        ],
    );
    resolve(&mut d);
    assert_eq!(
        speakers(&d),
        vec![
            "tech staffer at the State Department",
            "Mike Pompeo",
            "Donald Trump"
        ]
    );
    assert_eq!(
        entity(&d, "Jeh Johnson").titles,
        vec!["Homeland Security Secretary"]
    );
}

#[test]
fn nominal_anaphora() {
    let t = "Officials in Kenya met the Red Cross in Nairobi. The organization said the country needed help.";
    let mut d = doc(t, &[]);
    resolve(&mut d);
    assert!(
        entity(&d, "Red Cross")
            .mentions
            .contains(&at(t, "The organization", 0))
    );
    assert!(
        entity(&d, "Kenya")
            .mentions
            .contains(&at(t, "the country", 0))
    );
}

#[test]
fn never_panics() {
    for s in [
        "",
        " ",
        "“",
        "He said.",
        "É. É é",
        "Dec. 32, 2018",
        "0000-00-00",
        "May",
        "'s",
        "Mr.",
    ] {
        let mut d = Document::new("x", s.to_string(), Alignment::identity());
        d.meta.published = Some("garbage".into());
        d.attributions.push(Attribution {
            kind: QuoteKind::Direct,
            content: vec![Span::new(0, s.len())],
            cue: vec![],
            source: vec![Span::new(0, s.len())],
            speaker: None,
            confidence: None,
        });
        resolve(&mut d);
    }
}

#[test]
fn a_name_after_a_common_noun_and_a_preposition_is_no_speaker() {
    use QuoteKind::*;
    let t = "Donald Trump spoke in Paris. An adviser to Trump said talks would go on. The envoy of France said no. Secretary of State Mike Pompeo said yes.";
    let mut d = doc(
        t,
        &[
            att(
                Indirect,
                "An adviser to Trump",
                0,
                "said",
                0,
                "talks would go on",
            ),
            att(Indirect, "The envoy of France", 0, "said", 1, "no"),
            att(
                Indirect,
                "Secretary of State Mike Pompeo",
                0,
                "said",
                2,
                "yes",
            ),
        ],
    );
    resolve(&mut d);
    assert_eq!(
        speakers(&d),
        vec!["adviser to Trump", "envoy of France", "Mike Pompeo"]
    );
}

#[test]
fn a_possessive_place_before_a_role_is_no_speaker() {
    use QuoteKind::*;
    let t = "China's ambassador to Britain said trade talks would continue.";
    let mut d = doc(
        t,
        &[att(
            Indirect,
            "China's ambassador to Britain",
            0,
            "said",
            0,
            "trade talks would continue",
        )],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["China's ambassador to Britain"]);
    assert!(
        d.attributions[0]
            .speaker
            .as_ref()
            .is_some_and(|s| s.entity.is_none())
    );
}

#[test]
fn it_is_an_organisation_mentioned_just_before_never_a_place() {
    use QuoteKind::*;
    let t = "Reuters reported from London. Ministers met in London on Monday. Nothing else happened that day. The report came out on Friday. It adds that talks went well. The ministry of trade met. It said prices would rise.";
    let mut d = doc(
        t,
        &[
            att(Indirect, "It", 0, "adds", 0, "talks went well"),
            att(Indirect, "It", 1, "said", 0, "prices would rise"),
        ],
    );
    resolve(&mut d);
    let sp = speakers(&d);
    assert_eq!(sp[0], "It", "{sp:?}");
    assert_ne!(sp[1], "London", "{sp:?}");
}

#[test]
fn a_nominal_with_a_country_takes_the_person_with_that_title() {
    use QuoteKind::*;
    let t = "Ruritanian President Karl Boros met US President Ann Gale. Boros said talks went well. The US president said no.";
    let mut d = doc(
        t,
        &[
            att(Indirect, "Boros", 1, "said", 0, "talks went well"),
            att(Indirect, "The US president", 0, "said", 1, "no"),
        ],
    );
    resolve(&mut d);
    assert_eq!(speakers(&d), vec!["Karl Boros", "Ann Gale"]);
}

#[test]
fn a_lone_surname_typed_as_an_organisation_is_the_person() {
    let t = "PARIS - The minister said on Friday that she would meet US President Donald Trump in June.\n\nShe does not know whether Trump will be able to start talks.\n\nAides said Trump's team had not replied.";
    let mut d = Document::new("t", t.to_string(), Alignment::identity());
    quotewire_segment::segment(&mut d);
    quotewire_tag::tag(&mut d);
    resolve(&mut d);
    let names: Vec<(&str, EntityType)> = d
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind))
        .collect();
    assert_eq!(entity(&d, "Donald Trump").mentions.len(), 3, "{names:?}");
    assert!(!names.iter().any(|(n, _)| *n == "Trump"), "{names:?}");
}
