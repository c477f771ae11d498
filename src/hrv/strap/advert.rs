//! Which Bluetooth devices the strap picker offers, decided from what a device advertises
//! (or what BlueZ remembers of it): a device is a heart-rate strap when it lists the Heart
//! Rate Service (0x180D) among its services or its service data, or calls itself a heart-rate
//! sensor by its GAP appearance. The scan's own filter is not trusted for this: BlueZ also
//! reports devices it already knows (paired, cached), unfiltered.
//!
//! Names come from the radio: they are cleaned (control characters dropped, spaces
//! collapsed, at most [`MAX_NAME_CHARS`]) and a nameless strap is called by the end of its
//! address.

/// The Heart Rate Service.
pub const HEART_RATE_SERVICE: u16 = 0x180D;
/// The longest name shown, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// The Bluetooth base UUID: a 16-bit UUID `xxxx` is `0000xxxx-0000-1000-8000-00805F9B34FB`.
const BASE_UUID: u128 = 0x0000_0000_0000_1000_8000_0080_5F9B_34FB;
/// GAP appearance values of the Heart Rate Sensor category (0x0340 generic, 0x0341 belt).
const HEART_RATE_APPEARANCE: std::ops::RangeInclusive<u16> = 0x0340..=0x037F;

/// What a device advertises, as far as the picker cares (UUIDs as 128-bit numbers).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Advert {
    /// `AA:BB:CC:DD:EE:FF`.
    pub address: String,
    /// The GAP local name, and the name in the advertisement (they may differ).
    pub local_name: Option<String>,
    pub advertisement_name: Option<String>,
    pub services: Vec<u128>,
    /// The services that sent service data.
    pub service_data: Vec<u128>,
    pub appearance: Option<u16>,
    pub rssi: Option<i16>,
}

/// A heart-rate strap the picker offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub address: String,
    pub name: String,
    pub rssi: Option<i16>,
}

/// The 128-bit form of a 16-bit Bluetooth UUID.
#[must_use]
pub const fn uuid_of(short: u16) -> u128 {
    BASE_UUID | ((short as u128) << 96)
}

/// The 16-bit form of a UUID, when it is one of the Bluetooth SIG's.
#[must_use]
pub fn short_of(uuid: u128) -> Option<u16> {
    let short = u16::try_from((uuid >> 96) & 0xFFFF).ok()?;
    (uuid == uuid_of(short)).then_some(short)
}

/// The strap this advertisement shows, or `None` if it is not a heart-rate strap.
#[must_use]
pub fn offer(advert: &Advert) -> Option<Offer> {
    let hrs = uuid_of(HEART_RATE_SERVICE);
    let is_strap = advert.services.contains(&hrs)
        || advert.service_data.contains(&hrs)
        || advert.appearance.is_some_and(|a| HEART_RATE_APPEARANCE.contains(&a));
    if !is_strap || advert.address.trim().is_empty() {
        return None;
    }
    let name = [&advert.local_name, &advert.advertisement_name]
        .into_iter()
        .flatten()
        .map(|n| clean_name(n))
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| format!("Heart-rate strap {}", address_tail(&advert.address)));
    Some(Offer { address: advert.address.trim().to_owned(), name, rssi: advert.rssi })
}

/// A name fit to show: no control characters, single spaces, at most [`MAX_NAME_CHARS`].
#[must_use]
pub fn clean_name(raw: &str) -> String {
    let words: Vec<&str> =
        raw.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(MAX_NAME_CHARS).collect::<String>().trim_end().to_owned()
}

/// The last two bytes of an address, `EE:01`, to tell nameless straps apart.
fn address_tail(address: &str) -> String {
    let parts: Vec<&str> = address.trim().split(':').collect();
    parts[parts.len().saturating_sub(2)..].join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polar() -> Advert {
        Advert {
            address: "A0:9E:1A:12:34:56".to_owned(),
            local_name: Some("Polar H10 12345678".to_owned()),
            services: vec![uuid_of(0x180D), uuid_of(0x180F), 0x6217_ff4b_fb31_1140_ad5a_a455_45d7_ecf3],
            rssi: Some(-61),
            ..Advert::default()
        }
    }

    #[test]
    fn short_uuids_round_trip_and_vendor_ones_are_not_short() {
        assert_eq!(uuid_of(0x180D), 0x0000_180d_0000_1000_8000_0080_5f9b_34fb);
        assert_eq!(short_of(uuid_of(0x2A37)), Some(0x2A37));
        assert_eq!(short_of(0x6217_ff4b_fb31_1140_ad5a_a455_45d7_ecf3), None);
    }

    #[test]
    fn a_strap_advertising_the_heart_rate_service_is_offered_by_its_name() {
        assert_eq!(
            offer(&polar()),
            Some(Offer {
                address: "A0:9E:1A:12:34:56".to_owned(),
                name: "Polar H10 12345678".to_owned(),
                rssi: Some(-61)
            })
        );
    }

    #[test]
    fn other_devices_are_not_offered() {
        let headphones = Advert {
            address: "11:22:33:44:55:66".to_owned(),
            local_name: Some("Headphones".to_owned()),
            services: vec![uuid_of(0x110B), uuid_of(0x180F)],
            appearance: Some(0x0941),
            ..Advert::default()
        };
        assert_eq!(offer(&headphones), None);
        // The heart-rate measurement characteristic is not a service.
        let confused = Advert { services: vec![uuid_of(0x2A37)], ..headphones };
        assert_eq!(offer(&confused), None);
        assert_eq!(offer(&Advert { address: " ".to_owned(), ..polar() }), None);
    }

    #[test]
    fn service_data_or_a_heart_rate_appearance_is_enough() {
        let by_data = Advert { services: vec![], service_data: vec![uuid_of(0x180D)], ..polar() };
        assert!(offer(&by_data).is_some());
        let belt = Advert { services: vec![], appearance: Some(0x0341), ..polar() };
        assert!(offer(&belt).is_some());
        let watch = Advert { services: vec![], appearance: Some(0x00C0), ..polar() };
        assert_eq!(offer(&watch), None);
    }

    #[test]
    fn names_are_cleaned_and_a_nameless_strap_is_named_by_its_address() {
        let noisy = Advert { local_name: Some("  TICKR\u{0}\u{7}  \t 8A1F\n".to_owned()), ..polar() };
        assert_eq!(offer(&noisy).map(|o| o.name).as_deref(), Some("TICKR 8A1F"));
        let long = Advert { local_name: Some("x".repeat(300)), ..polar() };
        assert_eq!(offer(&long).map(|o| o.name.chars().count()), Some(MAX_NAME_CHARS));
        // An empty local name falls back to the advertised one, then to the address.
        let other = Advert {
            local_name: Some(" ".to_owned()),
            advertisement_name: Some("HRM-Pro".to_owned()),
            ..polar()
        };
        assert_eq!(offer(&other).map(|o| o.name).as_deref(), Some("HRM-Pro"));
        let nameless = Advert { local_name: None, ..polar() };
        assert_eq!(offer(&nameless).map(|o| o.name).as_deref(), Some("Heart-rate strap 34:56"));
    }
}
