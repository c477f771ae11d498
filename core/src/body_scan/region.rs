//! The body regions a scan step can attend to: a fixed set the body map knows how to draw.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Region {
    WholeBody,
    Head,
    FaceAndJaw,
    Neck,
    Shoulders,
    Arms,
    Hands,
    Chest,
    UpperBack,
    Belly,
    LowerBack,
    Hips,
    Glutes,
    Thighs,
    Hamstrings,
    Knees,
    Calves,
    Feet,
    Breath,
}

impl Region {
    /// Every region, in head-to-toe order.
    pub const ALL: [Self; 19] = [
        Self::WholeBody,
        Self::Head,
        Self::FaceAndJaw,
        Self::Neck,
        Self::Shoulders,
        Self::Arms,
        Self::Hands,
        Self::Chest,
        Self::UpperBack,
        Self::Belly,
        Self::LowerBack,
        Self::Hips,
        Self::Glutes,
        Self::Thighs,
        Self::Hamstrings,
        Self::Knees,
        Self::Calves,
        Self::Feet,
        Self::Breath,
    ];

    /// The region in plain words, as shown on screen.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::WholeBody => "Whole body",
            Self::Head => "Head",
            Self::FaceAndJaw => "Face and jaw",
            Self::Neck => "Neck",
            Self::Shoulders => "Shoulders",
            Self::Arms => "Arms",
            Self::Hands => "Hands",
            Self::Chest => "Chest",
            Self::UpperBack => "Upper back",
            Self::Belly => "Belly",
            Self::LowerBack => "Lower back",
            Self::Hips => "Hips",
            Self::Glutes => "Glutes",
            Self::Thighs => "Thighs",
            Self::Hamstrings => "Hamstrings",
            Self::Knees => "Knees",
            Self::Calves => "Calves",
            Self::Feet => "Feet",
            Self::Breath => "Breath",
        }
    }
}
