/// A value that holds a firm's particulars (an application form, then the tenant it becomes) and
/// reads and writes them as if they were its own fields: `tenant.name`, `form.businessLines`.
@dynamicMemberLookup
public protocol HoldsFirmParticulars {
    var particulars: FirmParticulars { get set }
}

extension HoldsFirmParticulars {
    public subscript<Value>(dynamicMember particular: WritableKeyPath<FirmParticulars, Value>) -> Value {
        get { particulars[keyPath: particular] }
        set { particulars[keyPath: particular] = newValue }
    }
}
