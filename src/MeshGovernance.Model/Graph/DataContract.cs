using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>An ODCS v3.1 data contract from <c>domains/&lt;domain&gt;/contracts/&lt;name&gt;.odcs.yaml</c>.</summary>
public sealed class DataContract : DomainAsset
{
    internal DataContract(SourceMapping source, string domainFolder) : base(source, domainFolder)
    {
        DataProductName = source.GetString("dataProduct");
        Objects = ReadOnly.Map(source, "schema", this, static (o, contract) => new SchemaElement(o, contract, parent: null));
        Servers = ReadOnly.Map(source, "servers", Id, static (s, id) => new Server(s, id));
        SlaProperties = ReadOnly.Map(source, "slaProperties", Id, static (s, id) => new SlaProperty(s, id));
    }

    /// <summary>The deprecated ODCS <c>dataProduct</c> field, as written.</summary>
    public string? DataProductName { get; }

    /// <summary>The top-level schema objects (tables, topics, documents).</summary>
    public IReadOnlyList<SchemaElement> Objects { get; }

    public IReadOnlyList<Server> Servers { get; }

    public IReadOnlyList<SlaProperty> SlaProperties { get; }

    /// <summary>Output ports that deliver this contract.</summary>
    public IReadOnlyList<OutputPort> Providers { get; internal set; } = [];

    /// <summary>Input ports, of any domain, that consume this contract.</summary>
    public IReadOnlyList<InputPort> Consumers { get; internal set; } = [];

    /// <summary>Every schema element: objects and their properties, nested ones included, depth first.</summary>
    public IEnumerable<SchemaElement> AllElements() => Objects.SelectMany(o => o.SelfAndDescendants());
}

/// <summary>
/// A schema object or property of a contract. Objects and properties share one shape in ODCS
/// (name, logical and physical type, nested properties, items), so one type serves both.
/// </summary>
public sealed class SchemaElement : MeshNode
{
    internal SchemaElement(SourceMapping source, DataContract contract, SchemaElement? parent) : base(source)
    {
        Contract = contract;
        Parent = parent;
        Name = source.GetString("name") ?? string.Empty;
        LogicalType = source.GetString("logicalType");
        PhysicalType = source.GetString("physicalType");
        PhysicalName = source.GetString("physicalName");
        Description = source.GetString("description");
        BusinessName = source.GetString("businessName");
        Classification = source.GetString("classification");
        Required = source.GetBoolean("required") ?? false;
        Unique = source.GetBoolean("unique") ?? false;
        PrimaryKey = source.GetBoolean("primaryKey") ?? false;
        CriticalDataElement = source.GetBoolean("criticalDataElement") ?? false;
        Tags = source.GetStrings("tags");
        Quality = ReadOnly.Map(source, "quality", contract.Id, static (q, id) => new QualityRule(q, id));
        Properties = ReadOnly.Map(source, "properties", this, static (p, parent) => new SchemaElement(p, parent.Contract, parent));
        Items = source.GetMapping("items") is { } items ? new SchemaElement(items, contract, this) : null;
    }

    public DataContract Contract { get; }

    public SchemaElement? Parent { get; }

    public string Name { get; }

    /// <summary>Dotted path from the schema object, such as <c>orders.customer.email</c> (built on demand).</summary>
    public string Path => Parent is null ? Name : $"{Parent.Path}.{Name}";

    public bool IsObject => Parent is null;

    public string? LogicalType { get; }

    public string? PhysicalType { get; }

    public string? PhysicalName { get; }

    public string? Description { get; }

    public string? BusinessName { get; }

    public string? Classification { get; }

    public bool Required { get; }

    public bool Unique { get; }

    public bool PrimaryKey { get; }

    public bool CriticalDataElement { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<QualityRule> Quality { get; }

    public IReadOnlyList<SchemaElement> Properties { get; }

    /// <summary>The element type of an array property.</summary>
    public SchemaElement? Items { get; }

    public IEnumerable<SchemaElement> SelfAndDescendants()
    {
        var pending = new Stack<SchemaElement>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            yield return element;
            if (element.Items is { } items)
            {
                pending.Push(items);
            }

            for (var i = element.Properties.Count - 1; i >= 0; i--)
            {
                pending.Push(element.Properties[i]);
            }
        }
    }

    public override string? SubjectId => Contract.Id;
}

public sealed class QualityRule : MeshNode
{
    internal QualityRule(SourceMapping source, string? subjectId) : base(source)
    {
        SubjectId = subjectId;
        Name = source.GetString("name");
        Type = source.GetString("type") ?? "library";
        // ODCS v3.0 named library checks by rule (nullCheck, duplicateCount): read as the v3.1 metric it is.
        Metric = source.GetString("metric") ?? (source.GetString("rule") is { } rule ? Migration.QualityRuleMapping.Find(rule)?.Metric ?? rule : null);
        Query = source.GetString("query");
        Engine = source.GetString("engine");
        Dimension = source.GetString("dimension");
        Description = source.GetString("description");
    }

    public string? Name { get; }

    /// <summary>library (the default), text, sql or custom.</summary>
    public string Type { get; }

    public string? Metric { get; }

    public string? Query { get; }

    public string? Engine { get; }

    public string? Dimension { get; }

    public string? Description { get; }

    public override string? SubjectId { get; }
}

public sealed class Server : MeshNode
{
    internal Server(SourceMapping source, string? subjectId) : base(source)
    {
        SubjectId = subjectId;
        Name = source.GetString("server") ?? string.Empty;
        Type = source.GetString("type");
        Environment = source.GetString("environment");
        Description = source.GetString("description");
    }

    /// <summary>The server's identifier (<c>server</c> in ODCS).</summary>
    public string Name { get; }

    public string? Type { get; }

    public string? Environment { get; }

    public string? Description { get; }

    public override string? SubjectId { get; }
}

public sealed class SlaProperty : MeshNode
{
    internal SlaProperty(SourceMapping source, string? subjectId) : base(source)
    {
        SubjectId = subjectId;
        Property = source.GetString("property") ?? string.Empty;
        Value = source["value"] is SourceScalar value && !value.IsNull ? value.Value : null;
        Unit = source.GetString("unit");
        // ODCS v3.0 called the element an SLA applies to its column.
        Element = source.GetString("element") ?? source.GetString("column");
    }

    public string Property { get; }

    public string? Value { get; }

    public string? Unit { get; }

    public string? Element { get; }

    public override string? SubjectId { get; }
}
