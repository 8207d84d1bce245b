namespace MeshGovernance.Model.Diagnostics;

/// <summary>
/// Every diagnostic the model can raise. Ids are stable: never reuse or renumber one.
/// MG10xx: reading files; MG11xx: schema violations; MG12xx: the mesh graph (references, duplicates);
/// MG13xx: the policy engine (policy files, compilation, restrictions, budgets); MG14xx: waivers.
/// Policy findings carry their policy's id instead.
/// </summary>
public static class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor YamlSyntax = new(
        "MG1001", DiagnosticLevel.Error, "YAML syntax error",
        "The YAML parser stopped at the given line and column. Common causes: a tab used for indentation " +
        "(YAML allows spaces only), a missing space after ':' or '-', an unclosed quote or bracket, or " +
        "indentation that does not line up with the sibling keys.");

    public static readonly DiagnosticDescriptor FileUnreadable = new(
        "MG1002", DiagnosticLevel.Error, "File could not be read",
        "The file exists but could not be opened or read (permissions, a broken symbolic link, or an I/O " +
        "error). Check that it is a regular, readable file inside the repository.");

    public static readonly DiagnosticDescriptor InvalidUtf8 = new(
        "MG1003", DiagnosticLevel.Error, "File is not valid UTF-8",
        "Mesh files must be UTF-8 (a byte-order mark is allowed; UTF-16 with a byte-order mark is accepted " +
        "too). The position names the first byte that is not valid UTF-8: re-save the file as UTF-8.");

    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "MG1004", DiagnosticLevel.Error, "File is too large",
        "The file is larger than the loader accepts for one mesh file. Mesh files describe metadata and stay " +
        "small; split a large contract into several contracts, and keep sample data out of the repository.");

    public static readonly DiagnosticDescriptor NestingTooDeep = new(
        "MG1005", DiagnosticLevel.Error, "YAML nesting is too deep",
        "The document nests mappings and sequences deeper than the loader accepts. Real contracts need far " +
        "less; flatten the structure.");

    public static readonly DiagnosticDescriptor AliasExpansionTooLarge = new(
        "MG1006", DiagnosticLevel.Error, "YAML aliases expand too far",
        "Anchors and aliases (&name / *name) would expand the document beyond the number of nodes the loader " +
        "accepts, as in a 'billion laughs' document. Write the repeated content out, or reuse less.");

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        "MG1007", DiagnosticLevel.Error, "Duplicate key",
        "A mapping names the same key twice. YAML forbids this, and parsers disagree on which value wins; " +
        "remove or rename one of them.");

    public static readonly DiagnosticDescriptor EmptyFile = new(
        "MG1008", DiagnosticLevel.Error, "File is empty",
        "The file holds no YAML document (it is empty, or only comments). Fill it in, or delete it.");

    public static readonly DiagnosticDescriptor MultipleDocuments = new(
        "MG1009", DiagnosticLevel.Error, "More than one YAML document",
        "Each mesh file holds exactly one document. Move each document after a '---' separator into a file " +
        "of its own.");

    public static readonly DiagnosticDescriptor NotAMapping = new(
        "MG1010", DiagnosticLevel.Error, "Document is not a mapping",
        "The top level of every mesh file is a mapping (key: value pairs), not a list or a single value.");

    public static readonly DiagnosticDescriptor PathOutsideRepository = new(
        "MG1011", DiagnosticLevel.Error, "Symbolic link is not followed",
        "A symbolic link under the repository points outside it, or to a directory. The loader never follows a " +
        "path out of the repository, nor a directory link (which could loop); replace the link with the file " +
        "or folder itself.");

    public static readonly DiagnosticDescriptor UnknownFile = new(
        "MG1012", DiagnosticLevel.Error, "Unexpected file in the mesh layout",
        "The loader does not know what this file is, so it would otherwise be ignored. Products go in " +
        "domains/<domain>/products/<name>.odps.yaml, contracts in domains/<domain>/contracts/<name>.odcs.yaml, " +
        "a domain's description in domains/<domain>/domain.yaml and teams in teams/<team>.yaml. Markdown " +
        "(*.md) is allowed anywhere under domains/. Rename or move the file.");

    public static readonly DiagnosticDescriptor MeshManifestMissing = new(
        "MG1013", DiagnosticLevel.Error, "mesh.yaml is missing",
        "Every mesh repository has a mesh.yaml at its root. Check that --repo points at the repository root, " +
        "or create one with 'meshgov init'.");

    public static readonly DiagnosticDescriptor UnsupportedYaml = new(
        "MG1014", DiagnosticLevel.Error, "Unsupported YAML construct",
        "Mesh files use plain YAML data: mappings with string keys, sequences and scalars. Custom tags " +
        "(such as !!python/object), complex (non-scalar) keys and aliases to unknown anchors are refused.");

    public static readonly DiagnosticDescriptor ValueTooLong = new(
        "MG1015", DiagnosticLevel.Error, "Value is too long",
        "One scalar value or key is longer than the loader accepts (64 KiB). Mesh files hold metadata: link " +
        "to long documents, SQL files or samples instead of embedding them.");

    public static readonly DiagnosticDescriptor FormatNotRead = new(
        "MG1016", DiagnosticLevel.Error, "File is in a format or version meshgov does not read",
        "meshgov reads data contracts as ODCS v3.0.x and v3.1.0 and data products as ODPS v1.0.0. This file is " +
        "another format or version (ODCS v2.x, a not yet released ODCS version, the Data Contract Specification, " +
        "the Data Product Specification, ODPS v0.9.0, an unknown apiVersion, or a product where a contract " +
        "belongs), so it is not checked against a schema, is not part of the mesh, and no policy runs on it. The " +
        "message says what the file is and how to bring it to a format meshgov reads: migrate ODCS v2 contracts to " +
        "v3.1.0, convert Data Contract Specification files with 'meshgov migrate', write ODCS v3.1.0 until a newer " +
        "version is released and supported.");

    public static readonly DiagnosticDescriptor SchemaRequired = new(
        "MG1101", DiagnosticLevel.Error, "Required property is missing",
        "The schema of this kind of file requires the named property. Add it; 'meshgov explain' and the " +
        "published JSON Schemas list what each kind needs.");

    public static readonly DiagnosticDescriptor SchemaUnknownProperty = new(
        "MG1102", DiagnosticLevel.Error, "Property is not allowed here",
        "The standard does not define this property at this place. Check its spelling and indentation; " +
        "custom data belongs in customProperties.");

    public static readonly DiagnosticDescriptor SchemaWrongType = new(
        "MG1103", DiagnosticLevel.Error, "Value has the wrong type",
        "The value is of another type than the schema expects (for example a number where a string is " +
        "needed). Quote values such as versions ('1.0') so that YAML reads them as strings.");

    public static readonly DiagnosticDescriptor SchemaValueNotAllowed = new(
        "MG1104", DiagnosticLevel.Error, "Value is not allowed",
        "The value is not one of the allowed values, does not match the required pattern, or is not in the " +
        "required format (a URI, a YYYY-MM-DD date, a date-time with its UTC offset). The message lists what is allowed.");

    public static readonly DiagnosticDescriptor SchemaOutOfRange = new(
        "MG1105", DiagnosticLevel.Error, "Value is out of range",
        "A number, string length or list length is outside the bounds the schema sets, or a list that must " +
        "hold unique items repeats one.");

    public static readonly DiagnosticDescriptor SchemaConditional = new(
        "MG1106", DiagnosticLevel.Error, "Conditional rule not met",
        "The schema requires more when a field has a certain value: for example a postgres server needs host, " +
        "port, database and schema; a quality rule of type library needs a metric, one of type sql a query. " +
        "The message names the condition and what is missing.");

    public static readonly DiagnosticDescriptor SchemaNoAlternative = new(
        "MG1107", DiagnosticLevel.Error, "Value matches none of the allowed forms",
        "The value must take one of several forms (for example a team as an object, or as the older list " +
        "form) and matches none of them. The message shows the closest form and what it lacks.");

    public static readonly DiagnosticDescriptor DomainMissing = new(
        "MG1201", DiagnosticLevel.Error, "Domain folder has no domain.yaml",
        "Products and contracts belong to the domain of the folder they sit in, and that folder needs a " +
        "domain.yaml that describes the domain and names its owner team.");

    public static readonly DiagnosticDescriptor OutputContractUnknown = new(
        "MG1202", DiagnosticLevel.Error, "Output port names an unknown contract",
        "An output port's contractId must be the id of a contract in the mesh. Add the contract under " +
        "domains/<domain>/contracts/, or correct the id.");

    public static readonly DiagnosticDescriptor InputContractUnknown = new(
        "MG1203", DiagnosticLevel.Error, "Input port names an unknown contract",
        "An input port's contractId names the contract this product consumes; no contract in the mesh has " +
        "that id. Correct the id, or remove the input port.");

    public static readonly DiagnosticDescriptor DomainOwnerUnknown = new(
        "MG1204", DiagnosticLevel.Error, "Domain owner is not a known team",
        "A domain's owner must be the id of a team described in teams/<team>.yaml.");

    public static readonly DiagnosticDescriptor TeamUnknown = new(
        "MG1205", DiagnosticLevel.Error, "Owner team is not a known team",
        "A product's or contract's team.name names its owner team: the id or the name of a team described in " +
        "teams/<team>.yaml, in any case and with any separators ('Order Data Team' for order-data-team). The " +
        "governance team in mesh.yaml must be a team's id.");

    public static readonly DiagnosticDescriptor TeamMemberDuplicate = new(
        "MG1206", DiagnosticLevel.Error, "Team member listed twice",
        "A team lists the same username more than once. Keep one entry per person.");

    public static readonly DiagnosticDescriptor ProductIdDuplicate = new(
        "MG1207", DiagnosticLevel.Error, "Two products share an id",
        "Product ids are unique across the whole mesh: input ports, policies and the catalog refer to them. " +
        "Rename one of the products.");

    public static readonly DiagnosticDescriptor ContractIdDuplicate = new(
        "MG1208", DiagnosticLevel.Error, "Two contracts share an id",
        "Contract ids are unique across the whole mesh: ports refer to contracts by id. A new major version " +
        "of a contract side by side needs an id of its own.");

    public static readonly DiagnosticDescriptor DomainFolderMismatch = new(
        "MG1209", DiagnosticLevel.Error, "Domain disagrees with the folder",
        "A product or contract belongs to the domain of its folder; its 'domain' field, when set, must name " +
        "that domain: its id or its name, in any case and with any separators ('Flight' for domains/flight). " +
        "Move the file, correct the field, or give the domain that name in its domain.yaml.");

    public static readonly DiagnosticDescriptor IdFileNameMismatch = new(
        "MG1210", DiagnosticLevel.Error, "Id disagrees with the file or folder name",
        "A team's id must equal its file name (teams/<id>.yaml) and a domain's id its folder name " +
        "(domains/<id>/domain.yaml), so that people and tools find things where their id says.");

    public static readonly DiagnosticDescriptor PolicyMetadataInvalid = new(
        "MG1301", DiagnosticLevel.Error, "Policy metadata is invalid",
        "A policy script starts with a front-matter comment block between '// ---' lines holding YAML: id " +
        "(the file name without .csx), title, enforcement (advisory, soft-mandatory or hard-mandatory), " +
        "category, rationale, and optionally help (an https link), scope and params. The policy does not run " +
        "until its metadata is fixed.");

    public static readonly DiagnosticDescriptor PolicyCompileError = new(
        "MG1302", DiagnosticLevel.Error, "Policy does not compile",
        "The C# compiler rejected the policy script at the given line and column. The other policies still " +
        "run; this one does not run until it compiles. 'meshgov policy test' runs a policy's own tests.");

    public static readonly DiagnosticDescriptor PolicyRestrictedApi = new(
        "MG1303", DiagnosticLevel.Error, "Policy uses an API policies may not use",
        "Policies read the mesh and compute. They may not touch files, the network, processes, environment " +
        "variables, the console, reflection, interop, threads, dynamic or unsafe code, so a check can never " +
        "read the runner's secrets. Allowed: System (except Environment, AppDomain, AppContext, Activator, " +
        "Console, GC and Type), System.Linq, System.Collections(.Generic), System.Text, " +
        "System.Text.RegularExpressions, System.Globalization, and the mesh model.");

    public static readonly DiagnosticDescriptor PolicyTimedOut = new(
        "MG1304", DiagnosticLevel.Error, "Policy ran out of time",
        "The policy ran longer than its time budget (--policy-timeout, 5 seconds by default) and was stopped; " +
        "its findings are discarded. Look for a loop that never ends, or work that grows faster than the mesh.");

    public static readonly DiagnosticDescriptor PolicyRecursedTooDeep = new(
        "MG1305", DiagnosticLevel.Error, "Policy recursed too deep",
        "The policy's calls nested so deep that it would overflow the stack, and it was stopped; its findings " +
        "are discarded. Look for recursion without a base case, or walk deep structures with a loop.");

    public static readonly DiagnosticDescriptor PolicyAllocatedTooMuch = new(
        "MG1306", DiagnosticLevel.Error, "Policy allocated too much memory",
        "The policy allocated more memory than its budget and was stopped; its findings are discarded. " +
        "Look for a collection that grows without bound.");

    public static readonly DiagnosticDescriptor PolicyFailed = new(
        "MG1307", DiagnosticLevel.Error, "Policy failed with an exception",
        "The policy threw an exception and was stopped; its findings are discarded. The message names the " +
        "exception and the policy line it came from when known. Guard against missing values (null) in the mesh.");

    public static readonly DiagnosticDescriptor PolicyConfigurationInvalid = new(
        "MG1308", DiagnosticLevel.Error, "Policy configuration is invalid",
        "The policies section of mesh.yaml names a policy that does not exist, a parameter the policy does " +
        "not declare, or a value of the wrong type. 'meshgov policy list' lists the policies and their parameters.");

    public static readonly DiagnosticDescriptor PolicyIdDuplicate = new(
        "MG1309", DiagnosticLevel.Error, "Two policies share an id",
        "Policy ids are unique across the built-in pack and governance/policies/. To replace a built-in " +
        "policy, disable it in mesh.yaml (enabled: false) and give yours an id of its own.");

    public static readonly DiagnosticDescriptor PolicyDirectiveRefused = new(
        "MG1310", DiagnosticLevel.Error, "Policy directive is refused",
        "Policies may not reference assemblies (#r): compiled code would escape the checks every policy goes " +
        "through. '#load' may only name another .csx file inside the policies folder.");

    public static readonly DiagnosticDescriptor PolicyCompileTimedOut = new(
        "MG1311", DiagnosticLevel.Error, "Policy did not compile in time",
        "Compiling the policy took longer than meshgov allows (60 seconds), so its compilation was ended and the " +
        "policy did not run; the other policies ran. The compiler's work can grow very fast with deeply nested " +
        "lambdas and overloaded calls: split the expression into named methods or local variables.");

    public static readonly DiagnosticDescriptor WaiverPolicyUnknown = new(
        "MG1401", DiagnosticLevel.Error, "Waiver names an unknown policy",
        "Each waiver in governance/waivers.yaml names the id of an enabled policy. Correct the id, or remove " +
        "the waiver if the policy was removed.");

    public static readonly DiagnosticDescriptor WaiverForHardMandatory = new(
        "MG1402", DiagnosticLevel.Error, "Hard-mandatory policies cannot be waived",
        "A hard-mandatory policy fails the check whatever the waivers say. Fix the finding, or have the " +
        "governance group lower the policy's enforcement in mesh.yaml.");

    public static readonly DiagnosticDescriptor WaiverSubjectUnknown = new(
        "MG1403", DiagnosticLevel.Error, "Waiver names an unknown subject",
        "A waiver's subjects are ids of products, contracts, domains or teams of the mesh (or the mesh's " +
        "name). Correct the id, or remove the subject if it was deleted.");

    public static readonly DiagnosticDescriptor WaiverExpired = new(
        "MG1404", DiagnosticLevel.Warning, "Waiver has expired",
        "The waiver's expiry date has passed, so it no longer applies: the findings it covered count again. " +
        "Fix them, or have the governance group renew the waiver with a new justification and date.");

    public static readonly DiagnosticDescriptor WaiverExpiresSoon = new(
        "MG1405", DiagnosticLevel.Notice, "Waiver expires soon",
        "The waiver expires within 14 days. Plan the fix, or ask the governance group to renew it.");

    public static readonly DiagnosticDescriptor WaiverUnused = new(
        "MG1406", DiagnosticLevel.Notice, "Waiver covers no finding",
        "No finding matches this waiver: the problem it excused is fixed. Remove the waiver so it cannot hide " +
        "a new one.");

    public static readonly DiagnosticDescriptor BaselineEntryFixed = new(
        "MG1407", DiagnosticLevel.Notice, "Baseline entry matches no finding",
        "The finding this entry of governance/baseline.yaml recorded is gone: it was fixed, or its subject was " +
        "renamed or removed. Remove the entry ('meshgov baseline --prune' removes every such entry) so that it " +
        "cannot hide the same finding if it comes back.");

    public static readonly DiagnosticDescriptor BaselineEntryNotApplicable = new(
        "MG1408", DiagnosticLevel.Warning, "Baseline entry cannot apply",
        "The entry names a policy that does not exist, or one whose findings always block (hard-mandatory, or " +
        "marked to block on existing debt): such findings cannot be baselined. Fix the findings, and remove the entry.");

    public static readonly DiagnosticDescriptor GovernanceChanged = new(
        "MG1501", DiagnosticLevel.Notice, "Pull request changes the rules",
        "This pull request changes a policy, the waivers or mesh.yaml. In a pull request the policies, waivers " +
        "and policy settings are taken from the base revision, so a change cannot rewrite or waive the rule " +
        "that judges it: the new rules apply once the pull request is merged. CODEOWNERS asks the governance " +
        "group to review it.");

    public static readonly DiagnosticDescriptor PoliciesFromHead = new(
        "MG1502", DiagnosticLevel.Warning, "Policies taken from the head revision",
        "The check was run with '--policies-from head': the policies, waivers and policy settings under review " +
        "judge the change itself, so a pull request could rewrite the rule that judges it. Use this only in the " +
        "governance group's own policy-testing job, never as the required check of domain pull requests.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        YamlSyntax, FileUnreadable, InvalidUtf8, FileTooLarge, NestingTooDeep, AliasExpansionTooLarge,
        DuplicateKey, EmptyFile, MultipleDocuments, NotAMapping, PathOutsideRepository, UnknownFile,
        MeshManifestMissing, UnsupportedYaml, ValueTooLong, FormatNotRead,
        SchemaRequired, SchemaUnknownProperty, SchemaWrongType, SchemaValueNotAllowed, SchemaOutOfRange,
        SchemaConditional, SchemaNoAlternative,
        DomainMissing, OutputContractUnknown, InputContractUnknown, DomainOwnerUnknown, TeamUnknown,
        TeamMemberDuplicate, ProductIdDuplicate, ContractIdDuplicate, DomainFolderMismatch, IdFileNameMismatch,
        PolicyMetadataInvalid, PolicyCompileError, PolicyRestrictedApi, PolicyTimedOut, PolicyRecursedTooDeep,
        PolicyAllocatedTooMuch, PolicyFailed, PolicyConfigurationInvalid, PolicyIdDuplicate, PolicyDirectiveRefused, PolicyCompileTimedOut,
        WaiverPolicyUnknown, WaiverForHardMandatory, WaiverSubjectUnknown, WaiverExpired, WaiverExpiresSoon, WaiverUnused,
        BaselineEntryFixed, BaselineEntryNotApplicable, GovernanceChanged, PoliciesFromHead,
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> ById =
        All.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase);

    public static DiagnosticDescriptor? Find(string id) => ById.GetValueOrDefault(id);
}
