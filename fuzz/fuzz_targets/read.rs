//! The reader (WARC, gzip, HTTP payloads, sniffing) on arbitrary bytes under
//! three names: no panic, documents within the size limit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotewire_read::{Item, ReadOptions, read_stream};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        max_doc_bytes: 1 << 20,
    };
    for name in ["in.warc.gz", "page.html", "notes.txt"] {
        let bytes = data.to_vec();
        for item in read_stream(name, Box::new(std::io::Cursor::new(bytes)), opts).take(10_000) {
            if let Item::Doc(d) = item {
                assert!(d.bytes.len() as u64 <= opts.max_doc_bytes);
            }
        }
    }
});
