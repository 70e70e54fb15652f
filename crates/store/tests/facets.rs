//! Filters through facet terms (words path) agree with the same filters in
//! SQL (no-words path) on records written here with every kind of value:
//! dates of each precision and none, outlets in other letter case, speakers
//! with and without entity, quotes about entities. And the rank cap: a
//! search with words ranks the newest `RANK_CAP` matches.

use quotewire_doc::{
    AttributionRecord, EntityRecord, EntityType, QuoteKind, Record, SpeakerRecord,
};
use quotewire_store::{Kind, Query, RANK_CAP, Store};
use std::collections::BTreeSet;

fn at(text: &str, needle: &str) -> [usize; 2] {
    let b = text.find(needle).expect(needle);
    let s = text[..b].chars().count();
    [s, s + needle.chars().count()]
}

const SPEAKERS: [(&str, bool); 3] = [
    ("Vladimir Putin", true),
    ("Boris Johnson", true),
    ("A Spokesman", false),
];
const DATES: [Option<&str>; 7] = [
    Some("2017-12-31"),
    Some("2018-01-15T10:00Z"),
    Some("2018-03-02"),
    Some("2018"),
    Some("2019-06-30"),
    Some("2020-02-29"),
    None,
];
const OUTLETS: [&str; 3] = ["Daily Two", "DAILY TWO", "Agency One"];
const KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed];
const VERBS: [&str; 3] = ["want", "need", "fear"];
const NOUNS: [&str; 3] = ["deal", "wall", "tax"];
const ABOUT: [&str; 3] = ["Donald Trump", "Angela Merkel", "the people"];

fn record(i: usize) -> Record {
    let (sp, has_entity) = SPEAKERS[i % 3];
    let about = ABOUT[(i / 3) % 3];
    let content = format!(
        "We {} the {} with {about}",
        VERBS[i % 3],
        NOUNS[(i / 9) % 3]
    );
    let text = format!("{sp} spoke on day {i}.\n\n“{content},” {sp} said.");
    let mut entities = Vec::new();
    if has_entity {
        entities.push(EntityRecord {
            id: "E1".into(),
            name: sp.into(),
            kind: EntityType::Person,
            titles: vec![],
            mentions: vec![at(&text, sp)],
        });
    }
    if about != "the people" {
        entities.push(EntityRecord {
            id: "E2".into(),
            name: about.into(),
            kind: EntityType::Person,
            titles: vec![],
            mentions: vec![at(&text, about)],
        });
    }
    let said = at(&text, " said")[0];
    Record {
        id: format!("r{i}"),
        url: Some(format!("https://x.org/{i}")),
        text: text.clone(),
        outlet: Some(OUTLETS[(i / 2) % 3].into()),
        published: DATES[(i / 5) % 7].map(String::from),
        entities,
        attributions: vec![AttributionRecord {
            kind: KINDS[(i / 4) % 3],
            content: vec![at(&text, &content)],
            cue: vec![[said + 1, said + 5]],
            source: vec![[said - sp.chars().count(), said]],
            speaker: Some(SpeakerRecord {
                name: sp.into(),
                entity: has_entity.then(|| "E1".into()),
            }),
            confidence: None,
        }],
        ..Record::default()
    }
}

fn ids(s: &Store, q: &Query) -> BTreeSet<i64> {
    s.search(q).unwrap().into_iter().map(|h| h.id).collect()
}

#[test]
fn facet_filters_agree_with_sql_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("q.db")).unwrap();
    let recs: Vec<Record> = (0..180).map(record).collect();
    s.ingest(&recs).unwrap();
    let speakers = [
        None,
        Some("Putin"),
        Some("a spokesman"),
        Some("Boris Johnson"),
    ];
    let abouts = [None, Some("Trump"), Some("Angela Merkel")];
    let dates = [
        (None, None),
        (Some("2018-01"), None),
        (None, Some("2018-03-02")),
        (Some("2018"), Some("2019-06-30")),
        (Some("2018-03-02"), Some("2018-03-02")),
        (Some("2021"), None),
    ];
    let outlets = [None, Some("daily two")];
    let kinds = [None, Some(Kind::Direct), Some(Kind::Mixed)];
    let mut checked = 0;
    let mut nonempty = 0;
    for word in ["want", "deal", "trump"] {
        for sp in speakers {
            for about in abouts {
                for (since, until) in dates {
                    for outlet in outlets {
                        for kind in kinds {
                            let mut q = Query {
                                speaker: sp.map(String::from),
                                about: about.map(String::from),
                                since: since.map(String::from),
                                until: until.map(String::from),
                                outlet: outlet.map(String::from),
                                kind,
                                limit: 500,
                                ..Query::default()
                            };
                            let all = s.search(&q).unwrap();
                            let want: BTreeSet<i64> = all
                                .iter()
                                .filter(|h| h.quote.to_lowercase().split(' ').any(|w| w == word))
                                .map(|h| h.id)
                                .collect();
                            q.text = word.into();
                            let got = ids(&s, &q);
                            assert_eq!(got, want, "{q:?}");
                            checked += 1;
                            nonempty += usize::from(!got.is_empty());
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 4 * 3 * 6 * 2 * 3);
    assert!(nonempty > checked / 6, "{nonempty} of {checked}");
}

#[test]
fn words_rank_among_the_newest_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("q.db")).unwrap();
    // the oldest quote is the best match (the word four times) ...
    let mut best = record(0);
    let content = "We want want want want it";
    best.text = format!("Vladimir Putin spoke.\n\n“{content},” Vladimir Putin said.");
    best.entities[0].mentions = vec![at(&best.text, "Vladimir Putin")];
    best.entities.truncate(1);
    best.attributions[0].content = vec![at(&best.text, content)];
    let said = at(&best.text, " said")[0];
    best.attributions[0].cue = vec![[said + 1, said + 5]];
    best.attributions[0].source = vec![[said - 14, said]];
    s.ingest(&[best]).unwrap();
    let top = |s: &Store| {
        s.search(&Query {
            text: "want".into(),
            limit: 1,
            ..Query::default()
        })
        .unwrap()[0]
            .id
    };
    // ... and ranks first while the matches fit the cap
    let others: Vec<Record> = (1..RANK_CAP).map(|i| record(3 * i)).collect();
    s.ingest(&others).unwrap();
    assert_eq!(top(&s), 1);
    // once RANK_CAP newer quotes match, it is no longer ranked
    s.ingest(&[record(3 * RANK_CAP), record(3 * RANK_CAP + 3)])
        .unwrap();
    assert_ne!(top(&s), 1);
    // a filter narrows before the cap: among the quotes of its day (fewer
    // than the cap) it ranks first again
    assert_eq!(record(0).published.as_deref(), Some("2017-12-31"));
    let q = Query {
        text: "want".into(),
        since: Some("2017-12-31".into()),
        until: Some("2017-12-31".into()),
        limit: 1,
        ..Query::default()
    };
    assert_eq!(s.search(&q).unwrap()[0].id, 1);
}

#[test]
fn a_bulk_load_builds_the_query_indexes_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    let index_count = |s: &Store| -> i64 {
        s.connection()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index'
                 AND name IN ('attributions_speaker', 'attributions_published')",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let mut s = Store::open(&path).unwrap();
    assert_eq!(index_count(&s), 2);
    assert!(s.begin_bulk().unwrap(), "an empty database loads in bulk");
    assert_eq!(index_count(&s), 0);
    s.ingest(&[record(0), record(1)]).unwrap();
    // killed here: the next open builds them
    drop(s);
    let mut s = Store::open(&path).unwrap();
    assert_eq!(index_count(&s), 2);
    assert!(
        !s.begin_bulk().unwrap(),
        "a database with articles does not"
    );
    assert_eq!(index_count(&s), 2);
    s.finish_bulk().unwrap();
    assert_eq!(s.search(&Query::default()).unwrap().len(), 2);
}
