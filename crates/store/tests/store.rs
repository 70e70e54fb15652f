//! The store on small records written here: identity, replacement,
//! copies, provenance, search filters, views and export rows.

use quotewire_doc::{
    AttributionRecord, EntityRecord, EntityType, QuoteKind, Record, SpeakerRecord,
};
use quotewire_store::{Kind, Outcome, Query, Store};

/// Offsets of `needle` in `text`, in code points.
fn at(text: &str, needle: &str) -> [usize; 2] {
    let b = text.find(needle).expect(needle);
    let s = text[..b].chars().count();
    [s, s + needle.chars().count()]
}

fn record(id: &str, url: &str, outlet: &str, published: &str, text: &str) -> Record {
    let quote = "We are ready for a meeting with Trump";
    let mut rec = Record {
        id: id.into(),
        url: Some(url.into()),
        title: Some(format!("Story {id}")),
        text: text.into(),
        outlet: Some(outlet.into()),
        published: Some(published.into()),
        ..Record::default()
    };
    rec.entities = vec![
        EntityRecord {
            id: "E1".into(),
            name: "Vladimir Putin".into(),
            kind: EntityType::Person,
            titles: vec!["Russian President".into()],
            mentions: vec![at(text, "Vladimir Putin"), {
                let s = at(text, "Putin said")[0];
                [s, s + 5]
            }],
        },
        EntityRecord {
            id: "E2".into(),
            name: "Donald Trump".into(),
            kind: EntityType::Person,
            titles: vec![],
            mentions: vec![at(text, "Trump")],
        },
    ];
    if text.contains(quote) {
        rec.attributions.push(AttributionRecord {
            kind: QuoteKind::Direct,
            content: vec![at(text, quote)],
            cue: vec![at(text, "said")],
            source: vec![[at(text, "Putin said")[0], at(text, "Putin said")[0] + 5]],
            speaker: Some(SpeakerRecord {
                name: "Vladimir Putin".into(),
                entity: Some("E1".into()),
            }),
            confidence: None,
        });
    }
    rec
}

const TEXT: &str =
    "Vladimir Putin spoke in Moscow.\n\n“We are ready for a meeting with Trump,” Putin said.";

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("q.db")).unwrap();
    (dir, store)
}

#[test]
fn same_input_twice_adds_nothing_and_a_new_body_replaces() {
    let (_d, mut s) = open();
    let a = record("a", "https://x.org/a", "Sputnik", "2018-12-20", TEXT);
    let first = s.ingest(std::slice::from_ref(&a)).unwrap();
    assert!(matches!(first[0].0, Outcome::Added { .. }));
    let again = s.ingest(std::slice::from_ref(&a)).unwrap();
    assert!(matches!(again[0].0, Outcome::Unchanged { .. }));
    assert_eq!(s.counts().unwrap(), (1, 0, 1, 2));

    let changed = record(
        "a",
        "https://x.org/a",
        "Sputnik",
        "2018-12-20",
        &format!("{TEXT}\n\nUpdated: he repeated it."),
    );
    let out = s.ingest(&[changed]).unwrap();
    let Outcome::Replaced { article } = out[0].0 else {
        panic!("{:?}", out[0].0)
    };
    let view = s.article(article).unwrap();
    assert_eq!(view.version, 2);
    assert!(view.text.ends_with("he repeated it."));
    assert_eq!(s.counts().unwrap(), (1, 0, 1, 2), "old rows are gone");
    // the replaced quote is searchable once, not twice
    let hits = s
        .search(&Query {
            text: "meeting".into(),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn copies_are_stored_once_and_provenance_keeps_the_earliest() {
    let (_d, mut s) = open();
    let late = record("a", "https://x.org/a", "Sputnik", "2018-12-21", TEXT);
    let early = record("b", "https://y.org/b", "TASS", "2018-12-20T08:00", TEXT);
    let other = record(
        "c",
        "https://z.org/c",
        "RT",
        "2018-12-22",
        &format!("Elsewhere.\n\n{TEXT}"),
    );
    let out = s.ingest(&[late, early, other]).unwrap();
    assert!(matches!(out[0].0, Outcome::Added { .. }));
    assert_eq!(
        out[1].0,
        Outcome::Duplicate {
            of: 1,
            syndicated: true
        }
    );
    assert!(matches!(out[2].0, Outcome::Added { .. }));
    let (articles, copies, quotes, _) = s.counts().unwrap();
    assert_eq!((articles, copies, quotes), (2, 1, 2));
    let hits = s
        .search(&Query {
            text: "ready meeting".into(),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(hits.len(), 2);
    for h in &hits {
        let f = h.first.as_ref().unwrap();
        assert_eq!(f.outlet.as_deref(), Some("TASS"));
        assert_eq!(f.url.as_deref(), Some("https://y.org/b"));
        assert_eq!(f.appearances, 3);
    }
    let view = s.article(1).unwrap();
    assert_eq!(view.copies.len(), 1);
    assert_eq!(view.copies[0].outlet.as_deref(), Some("TASS"));
}

#[test]
fn filters_narrow_the_search() {
    let (_d, mut s) = open();
    let recs = vec![
        record("a", "https://x.org/a", "Sputnik", "2018-03-02", TEXT),
        record(
            "b",
            "https://x.org/b",
            "Reuters",
            "2019-01-05",
            &TEXT.replace("Moscow", "Helsinki"),
        ),
    ];
    s.ingest(&recs).unwrap();
    let q = |f: &dyn Fn(&mut Query)| {
        let mut q = Query {
            text: "ready".into(),
            ..Query::default()
        };
        f(&mut q);
        s.search(&q).unwrap().len()
    };
    assert_eq!(q(&|_| {}), 2);
    assert_eq!(
        q(&|q| q.speaker = Some("putin".into())),
        2,
        "a surface form"
    );
    assert_eq!(q(&|q| q.speaker = Some("Trump".into())), 0);
    assert_eq!(q(&|q| q.about = Some("Donald Trump".into())), 2);
    assert_eq!(
        q(&|q| q.about = Some("Putin".into())),
        0,
        "the speaker is not what the quote is about"
    );
    assert_eq!(q(&|q| q.since = Some("2019".into())), 1);
    assert_eq!(
        q(&|q| q.until = Some("2018-03-02".into())),
        1,
        "until is inclusive"
    );
    assert_eq!(q(&|q| q.outlet = Some("reuters".into())), 1);
    assert_eq!(q(&|q| q.kind = Some(Kind::Indirect)), 0);
    assert!(
        s.search(&Query {
            since: Some("last March".into()),
            ..Query::default()
        })
        .is_err()
    );
    // syntax of FTS5 in user text is not an error
    assert_eq!(q(&|q| q.text = "ready\" OR NEAR(".into()), 0);
    // no words: every quote, newest first
    let all = s.search(&Query::default()).unwrap();
    assert_eq!(all[0].published.as_deref(), Some("2019-01-05"));

    let putin = all[0].speaker_id.unwrap();
    let v = s.speaker(putin).unwrap();
    assert_eq!(v.entity.name, "Vladimir Putin");
    assert!(v.names.contains(&"Putin".to_string()), "{:?}", v.names);
    assert_eq!(v.quotes, 2);
    assert_eq!(
        v.timeline
            .iter()
            .map(|m| m.month.as_str())
            .collect::<Vec<_>>(),
        ["2018-03", "2019-01"]
    );
    assert_eq!(v.topics[0].entity.name, "Donald Trump");
    assert!(s.speaker(9999).is_err());
    assert_eq!(s.entities("putin", 5).unwrap()[0].id, putin);

    let mut rows = Vec::new();
    s.quotes(|r| {
        rows.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].content, "We are ready for a meeting with Trump");
    assert_eq!(rows[0].speaker_type.as_deref(), Some("PERSON"));
    assert_eq!(rows[0].first_outlet.as_deref(), Some("Sputnik"));
}

#[test]
fn another_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    rusqlite_free_create(&path);
    let e = Store::open(&path).err().expect("refused");
    assert!(e.to_string().contains("something else"), "{e}");
    assert!(Store::open_readonly(&dir.path().join("missing.db")).is_err());
}

/// A SQLite file with a table of its own (through the store's connection type).
fn rusqlite_free_create(path: &std::path::Path) {
    let s = Store::open(path).unwrap();
    s.connection().execute_batch("DELETE FROM meta").unwrap();
    drop(s);
}

/// Both full-text indexes merge their segments 16 at a time (fewer rewrites
/// while ingesting), also in a database opened again.
#[test]
fn full_text_indexes_merge_sixteen_segments_at_a_time() {
    let (dir, store) = open();
    drop(store);
    let store = Store::open(&dir.path().join("q.db")).unwrap();
    for t in ["quotes_fts", "articles_fts"] {
        let v: i64 = store
            .connection()
            .query_row(
                &format!("SELECT v FROM {t}_config WHERE k = 'automerge'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(v, 16, "{t}");
    }
}

#[test]
fn only_names_become_names_of_an_entity() {
    let (_d, mut s) = open();
    let text = "Vladimir Putin spoke. “We are ready,” he said. The president added that his aides \
                agreed. I trust the US president Trump, Putin said.";
    let mut rec = record("p", "https://x.org/p", "Sputnik", "2018-12-20", text);
    rec.entities[0].mentions = [
        "Vladimir Putin",
        "he",
        "The president",
        "his",
        "I",
        "the US president",
        "Putin said",
    ]
    .iter()
    .map(|m| {
        let [a, b] = at(text, m);
        if *m == "Putin said" {
            [a, a + 5]
        } else {
            [a, b]
        }
    })
    .collect();
    rec.attributions.push(AttributionRecord {
        kind: QuoteKind::Direct,
        content: vec![at(text, "We are ready")],
        cue: vec![at(text, "said")],
        source: vec![at(text, "he")],
        speaker: Some(SpeakerRecord {
            name: "Vladimir Putin".into(),
            entity: Some("E1".into()),
        }),
        confidence: None,
    });
    s.ingest(&[rec]).unwrap();
    let hits = |speaker: &str| {
        s.search(&Query {
            speaker: Some(speaker.into()),
            ..Query::default()
        })
        .unwrap()
        .len()
    };
    assert_eq!(hits("Putin"), 1);
    assert_eq!(hits("vladimir putin"), 1);
    for not_a_name in ["he", "his", "I", "the president", "the US president"] {
        assert_eq!(hits(not_a_name), 0, "--speaker {not_a_name:?}");
    }
    let id = s.search(&Query::default()).unwrap()[0].speaker_id.unwrap();
    assert_eq!(s.speaker(id).unwrap().names, ["Putin", "Vladimir Putin"]);
}
