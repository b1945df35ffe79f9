/// How an administrator names a tenant: by numeric id or by credit code.
public enum TenantReference: Equatable, Sendable, CustomStringConvertible {
    case id(Int64)
    case creditCode(String)

    /// Digits only means an id; anything else is read as a credit code (spaces and hyphens ignored).
    public init(_ text: String) {
        if !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(text), text.count < 18 {
            self = .id(id)
        } else {
            self = .creditCode(String(text.filter { $0 != " " && $0 != "-" }.uppercased()))
        }
    }

    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .creditCode(let code): code
        }
    }
}
