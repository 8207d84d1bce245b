using MeshGovernance.Model.Yaml;

namespace MeshGovernance.Model.Graph;

/// <summary>An ODPS v1.0 data product from <c>domains/&lt;domain&gt;/products/&lt;name&gt;.odps.yaml</c>.</summary>
public sealed class DataProduct : MeshNode
{
    internal DataProduct(SourceMapping source, string domainFolder) : base(source)
    {
        DomainFolder = domainFolder;
        Id = source.GetString("id") ?? string.Empty;
        Name = source.GetString("name");
        Version = source.GetString("version");
        Status = source.GetString("status");
        DeclaredDomain = source.GetString("domain");
        TeamId = source.GetMapping("team")?.GetString("name");
        var description = source.GetMapping("description");
        Purpose = description?.GetString("purpose");
        Limitations = description?.GetString("limitations");
        Usage = description?.GetString("usage");
        Tags = source.GetStrings("tags");
        InputPorts = source.GetMappings("inputPorts").Select(p => new InputPort(p, this)).ToList();
        OutputPorts = source.GetMappings("outputPorts").Select(p => new OutputPort(p, this)).ToList();
        Support = source.GetMappings("support").Select(s => new SupportChannel(s, Id)).ToList();
    }

    public string Id { get; }

    public string? Name { get; }

    public string? Version { get; }

    public string? Status { get; }

    /// <summary>The folder under <c>domains/</c> the file sits in: the product's domain.</summary>
    public string DomainFolder { get; }

    /// <summary>The <c>domain</c> field as written, which must agree with <see cref="DomainFolder"/> when set.</summary>
    public string? DeclaredDomain { get; }

    public Domain? Domain { get; internal set; }

    /// <summary><c>team.name</c>: the id of the owner team.</summary>
    public string? TeamId { get; }

    public Team? Team { get; internal set; }

    public string? Purpose { get; }

    public string? Limitations { get; }

    public string? Usage { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<InputPort> InputPorts { get; }

    public IReadOnlyList<OutputPort> OutputPorts { get; }

    public IReadOnlyList<SupportChannel> Support { get; }

    public override string? SubjectId => Id;
}

/// <summary>An input port: the contract a product consumes.</summary>
public sealed class InputPort : MeshNode
{
    internal InputPort(SourceMapping source, DataProduct product) : base(source)
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

/// <summary>An output port: what a product delivers, bound to a contract.</summary>
public sealed class OutputPort : MeshNode
{
    internal OutputPort(SourceMapping source, DataProduct product) : base(source)
    {
        Product = product;
        Name = source.GetString("name") ?? string.Empty;
        Version = source.GetString("version");
        Type = source.GetString("type");
        Description = source.GetString("description");
        ContractId = source.GetString("contractId");
    }

    public DataProduct Product { get; }

    public string Name { get; }

    public string? Version { get; }

    public string? Type { get; }

    public string? Description { get; }

    public string? ContractId { get; }

    public DataContract? Contract { get; internal set; }

    public override string? SubjectId => Product.Id;
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
