//! pyvgc, a Python 3 interpreter on metatrace and VGC. Not built yet: issue 4 ("pyvgc") fills this crate.
