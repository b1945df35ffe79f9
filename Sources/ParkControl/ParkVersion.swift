/// The version of parkd and parkctl, which ship together.
public enum ParkVersion {
    public static let current = "0.1.0"
}
