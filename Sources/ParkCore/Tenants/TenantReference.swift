/// How an administrator names a tenant: by numeric id or by credit code.
public enum TenantReference: Equatable, Sendable, CustomStringConvertible {
    case id(Int64)
    case creditCode(String)

    /// Digits only means an id; anything else is read as a credit code (spaces and hyphens
    /// ignored, upper case). Text that cannot be a credit code (not 18 characters once read so)
    /// is kept as given, so that an error names what was typed (`-1`, not `1`).
    public init(_ text: String) {
        if !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(text), text.count < 18 {
            self = .id(id)
        } else {
            let code = String(text.filter { $0 != " " && $0 != "-" }.uppercased())
            self = .creditCode(code.count == 18 ? code : text)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .creditCode(let code): code
        }
    }
}
