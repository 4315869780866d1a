package dev.holdout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help texts as a person reads them: whole sentences that picocli wraps, and a mistyped command refused. */
class HelpCommandTest {
  @Test
  void every_summary_in_the_command_list_is_one_whole_sentence() {
    for (CommandSpec c : commands()) {
      String[] d = c.usageMessage().description();
      assertThat(d).as(c.qualifiedName()).isNotEmpty();
      assertThat(d[0]).as(c.qualifiedName() + "'s summary").endsWith(".").doesNotContain("\n");
      assertThat(d[0].length()).as(c.qualifiedName() + "'s summary fits two lines of the command list").isLessThan(120);
    }
  }

  @Test
  void descriptions_have_no_line_breaks_inside_a_sentence() {
    for (CommandSpec c : commands()) {
      for (String line : c.usageMessage().description()) {
        assertThat(line).as(c.qualifiedName()).matches("(?s).*[.)](%n)?$");
      }
      for (OptionSpec o : c.options()) {
        for (String line : o.description()) assertThat(line).as(c.qualifiedName() + " " + o.longestName()).matches("(?s).*[.)]$");
      }
    }
  }

  @Test
  void the_top_level_help_shows_each_summary_whole() {
    Cli r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Evaluate a vendor's predictions against a suite.\n").doesNotContain("intervals,\n");
  }

  @Test
  void an_unknown_command_exits_2_with_the_closest_name_even_with_help() {
    Cli r = Cli.run("evalute", "--help");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("'evalute'", "Did you mean: holdout evaluate");
    assertThat(r.out()).isEmpty();
    Cli sub = Cli.run("handover", "verfy", "--help");
    assertThat(sub.exit()).isEqualTo(2);
    assertThat(sub.err()).contains("Did you mean: handover verify?");
  }

  @Test
  void help_alone_still_exits_0() {
    assertThat(Cli.run("evaluate", "--help").exit()).isZero();
    assertThat(Cli.run("handover", "verify", "--help").exit()).isZero();
  }

  @Test
  void a_command_line_of_one_subcommand_gives_the_same_help_as_the_whole_one() {
    CommandLine whole = Main.commandLine();
    for (String name : whole.getSubcommands().keySet()) {
      if (name.equals("help")) continue; // help lists every command, so it gets them all (below)
      CommandLine alone = Main.commandLine(name);
      assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
      List<CommandSpec> a = new ArrayList<>();
      List<CommandSpec> b = new ArrayList<>();
      collect(whole.getSubcommands().get(name), a);
      collect(alone.getSubcommands().get(name), b);
      assertThat(b).as(name).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).commandLine().getUsageMessage()).as(a.get(i).qualifiedName()).isEqualTo(a.get(i).commandLine().getUsageMessage());
      }
    }
    assertThat(Main.commandLine("help").getSubcommands()).hasSameSizeAs(whole.getSubcommands());
    assertThat(Main.commandLine("--verbose").getSubcommands()).hasSameSizeAs(whole.getSubcommands());
  }

  private static List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    assertThat(all).hasSizeGreaterThan(15);
    return all;
  }

  private static void collect(CommandLine cl, List<CommandSpec> into) {
    into.add(cl.getCommandSpec());
    for (CommandLine sub : cl.getSubcommands().values()) if (!into.contains(sub.getCommandSpec())) collect(sub, into);
  }
}
