namespace MeshGovernance.GitHub.Tests;

public sealed class WorkflowCommandsTests
{
    [Fact]
    public void DataEscapesPercentAndLineBreaks()
    {
        Assert.Equal("100%25 sure%0Aline two%0D%0A::x", WorkflowCommands.EscapeData("100% sure\nline two\r\n::x"));
    }

    [Fact]
    public void Terminal_escapes_nul_and_invisible_characters_are_shown_not_passed_raw()
    {
        Assert.Equal("red \\u001b[31m cut\\u0000 txt.\\u202eexe line\\u2028two\ttab",
            WorkflowCommands.EscapeData("red \u001b[31m cut\u0000 txt.\u202eexe line\u2028two\ttab"));
    }

    [Fact]
    public void PropertiesAlsoEscapeColonAndComma()
    {
        Assert.Equal("a%3Ab%2Cc%25d%0Ae", WorkflowCommands.EscapeProperty("a:b,c%d\ne"));
    }

    [Fact]
    public void AnAnnotationLineHasEveryPropertyEscaped()
    {
        var line = WorkflowCommands.Annotation("error", "bad: value,\n100%", "dir/a,b:c.yaml", 3, 4, 5, 9, "MG1001: x,y");

        Assert.Equal("::error file=dir/a%2Cb%3Ac.yaml,line=3,endLine=4,col=5,endColumn=9,title=MG1001%3A x%2Cy::bad: value,%0A100%25", line);
    }

    [Fact]
    public void FindingsBecomeCommandsBlockingFirstAtTheirLevels()
    {
        var lines = WorkflowCommands.ForFindings([Reports.Advisory(), Reports.Waived(), Reports.Debt(), Reports.Blocking(), Reports.NoFile()]);

        Assert.Equal(5, lines.Count);
        Assert.Equal("::error file=domains/sales/products/orders.odps.yaml,line=4,endLine=4,col=3,endColumn=11,title=product-has-owner::Data product 'sales.orders' names no owning team.", lines[0]);
        Assert.Equal("::error title=MG1308::mesh.yaml configures a policy that does not exist.", lines[1]);
        Assert.StartsWith("::warning file=domains/sales/products/orders.odps.yaml,line=9,endLine=11,title=product-has-description::", lines[2]);
        Assert.StartsWith("::notice file=domains/sales/contracts/orders.odcs.yaml,line=1,endLine=1,col=1,endColumn=10,title=contract-has-sla::", lines[3]);
        Assert.StartsWith("::warning file=domains/finance/products/ledger.odps.yaml", lines[4]);
        Assert.Contains("existing debt", lines[4]);
    }

    [Fact]
    public void BeyondTenOfAKindTheRestIsCounted()
    {
        var lines = WorkflowCommands.ForFindings(Reports.ManyBlocking(25).Diagnostics.Append(Reports.Advisory()));

        Assert.Equal(10, lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("::warning ", StringComparison.Ordinal));
        Assert.Equal("meshgov: 15 more findings are not shown as annotations (Actions shows at most 10 of each kind per step); the job summary lists every finding.", lines[^1]);
    }

    [Fact]
    public void AMessageCannotInjectAnotherCommand()
    {
        var finding = Reports.Blocking(message: "x\n::set-env name=A::b\r\n::add-mask::y");

        var line = Assert.Single(WorkflowCommands.ForFindings([finding]));

        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.EndsWith("::x%0A::set-env name=A::b%0D%0A::add-mask::y", line);
    }
}
