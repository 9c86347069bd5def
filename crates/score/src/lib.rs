//! corridor-score: weights (direct and AHP), strength vectors,
//! triangulation and sensitivity, as METHOD.md defines them. No file IO and
//! no printing: it takes a checked model and returns numbers.
