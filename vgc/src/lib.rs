//! VGC, the zone-based garbage collector. Filled by issue 3 ("VGC: the zone-based garbage collector").
