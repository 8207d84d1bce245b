using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>An ODPS v1.0 data product from <c>domains/&lt;domain&gt;/products/&lt;name&gt;.odps.yaml</c>.</summary>
public sealed class DataProduct : DomainAsset
{
    internal DataProduct(SourceMapping source, string domainFolder) : base(source, domainFolder)
    {
        InputPorts = ReadOnly.Map(source, "inputPorts", this, static (p, product) => new InputPort(p, product));
        OutputPorts = ReadOnly.Map(source, "outputPorts", this, static (p, product) => new OutputPort(p, product));
    }

    public IReadOnlyList<InputPort> InputPorts { get; }

    public IReadOnlyList<OutputPort> OutputPorts { get; }
}

/// <summary>A port of a product, bound to a contract by <c>contractId</c>.</summary>
public abstract class Port : MeshNode
{
    private protected Port(SourceMapping source, DataProduct product) : base(source)
    {
        Product = product;
        Name = source.GetString("name") ?? string.Empty;
        Version = source.GetString("version");
        ContractId = source.GetString("contractId");
    }

    public DataProduct Product { get; }

    public string Name { get; }

    public string? Version { get; }

    public string? ContractId { get; }

    public DataContract? Contract { get; internal set; }

    public override string? SubjectId => Product.Id;
}

/// <summary>An input port: the contract a product consumes.</summary>
public sealed class InputPort : Port
{
    internal InputPort(SourceMapping source, DataProduct product) : base(source, product)
    {
    }
}

/// <summary>An output port: what a product delivers, bound to a contract.</summary>
public sealed class OutputPort : Port
{
    internal OutputPort(SourceMapping source, DataProduct product) : base(source, product)
    {
        Type = source.GetString("type");
        Description = source.GetString("description");
    }

    public string? Type { get; }

    public string? Description { get; }
}

/// <summary>A support channel of a product or contract.</summary>
public sealed class SupportChannel : MeshNode
{
    internal SupportChannel(SourceMapping source, string? subjectId) : base(source)
    {
        SubjectId = subjectId;
        Channel = source.GetString("channel") ?? string.Empty;
        Url = source.GetString("url");
        Tool = source.GetString("tool");
    }

    public string Channel { get; }

    public string? Url { get; }

    public string? Tool { get; }

    public override string? SubjectId { get; }
}
