package dev.pullplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A command line that names its verb builds only that command; anything else gets the whole tree. */
class VerbOfTest {
  @Test
  void theVerbIsTheFirstWordThatIsNotAnOption() {
    assertThat(Pullplan.verbOf(new String[] {"--no-color", "validate", "-json"})).contains(ValidateCommand.class);
  }

  @Test
  void aDirectoryGivenToChdirBeforeTheVerbIsNotTheVerb() {
    assertThat(Pullplan.verbOf(new String[] {"-C", "plan", "apply"})).contains(ApplyCommand.class);
    assertThat(Pullplan.verbOf(new String[] {"-chdir=plan", "drift"})).contains(DriftCommand.class);
  }

  @Test
  void helpTheTopLevelOptionsAndUnknownWordsNameNoVerb() {
    assertThat(Pullplan.verbOf(new String[] {"help", "plan"})).isEmpty();
    assertThat(Pullplan.verbOf(new String[] {"--version"})).isEmpty();
    assertThat(Pullplan.verbOf(new String[] {"plna"})).isEmpty();
    assertThat(Pullplan.verbOf(new String[] {})).isEmpty();
  }
}
