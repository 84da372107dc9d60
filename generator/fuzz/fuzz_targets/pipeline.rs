//! The whole pipeline from spec text: load → lower → check → emit → render. Any input must give
//! generated source or diagnostics; a panic, an abort or a hang is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The generator takes text; invalid UTF-8 is the file reader's error, not the generator's.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match generator::generate("fuzz.yaml", "fuzz", text) {
        Ok(generated) => assert!(generated.source.starts_with("// @generated")),
        Err(diagnostics) => assert!(
            !diagnostics.0.is_empty(),
            "an error must carry at least one diagnostic"
        ),
    }
});
