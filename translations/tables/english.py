# English plural forms (one, other) of the %n strings: genrescope_en.ts holds only these
# (lupdate -pluralonly); every other English string is its source text.
EN = {
    "%n pieces of %1 frames": ["%n piece of %1 frames", "%n pieces of %1 frames"],
    "%n songs": ["%n song", "%n songs"],
    "%n unreadable files left out": ["%n unreadable file left out", "%n unreadable files left out"],
    "%n epochs": ["%n epoch", "%n epochs"],
    "mean ± standard deviation over %n test folds": ["mean ± standard deviation over %n test fold",
                                                     "mean ± standard deviation over %n test folds"],
    "%n song(s) compared": ["%n song compared", "%n songs compared"],
    "%n file(s) skipped": ["%n file skipped", "%n files skipped"],
    "%n matrix file(s) written next to %1.": ["%n matrix file written next to %1.", "%n matrix files written next to %1."],
    "Classifying... %n segments so far": ["Classifying... %n segment so far", "Classifying... %n segments so far"],
    "%1: %n segments, %2 ms": ["%1: %n segment, %2 ms", "%1: %n segments, %2 ms"],
    "Feature table: %n row(s)": ["Feature table: %n row", "Feature table: %n rows"],
    "%n class(es)": ["%n class", "%n classes"],
    "%n feature column(s)": ["%n feature column", "%n feature columns"],
    "%n audio file(s)": ["%n audio file", "%n audio files"],
    "%n left out": ["%n left out", "%n left out"],
    "Features ready: %n song(s)": ["Features ready: %n song", "Features ready: %n songs"],
}
