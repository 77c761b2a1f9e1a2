package dev.hearth.brain.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArithmeticSkillTest {
  private final ArithmeticSkill skill = new ArithmeticSkill();

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "what is twelve times seven|Twelve times seven is 84.",
      "What is 12 * 7?|12 times 7 is 84.",
      "ten divided by three|Ten divided by three is about 3.33.",
      "two plus three times four|Two plus three times four is 14.",
      "minus five plus two|Minus five plus two is minus 3.",
      "two point five times four|Two point five times four is 10.",
      "what is the square root of sixteen|The square root of sixteen is 4.",
      "what is the square root of two|The square root of two is about 1.41.",
      "what is five squared|Five squared is 25.",
      "what is two cubed plus one|Two cubed plus one is 9.",
      "what is twenty percent of fifty|Twenty percent of fifty is 10.",
      "what's 20% of 50|20 percent of 50 is 10.",
      "what is one hundred divided by eight|One hundred divided by eight is 12.5.",
      "what is two to the power of ten|Two to the power of ten is 1024.",
      "how much is a hundred minus one|A hundred minus one is 99.",
      "(2+3)*4|(2 plus 3) times 4 is 20.",
      "what is 10 over 4|10 over 4 is 2.5.",
      "what is six x seven|Six x seven is 42.",
      "what is seven multiplied by six|Seven multiplied by six is 42.",
      "what is one million times one million|One million times one million is 1000000000000.",
      "calculate 0.1 + 0.2|0.1 plus 0.2 is 0.3.",
      "what does two plus two equal|Two plus two is 4.",
      "one divided by three|One divided by three is about 0.333.",
      "ten minus two minus three|Ten minus two minus three is 5.",
      "twenty four divided by four divided by two|Twenty four divided by four divided by two is 3.",
      "what is three thousand four hundred and fifty six minus fifty six|"
          + "Three thousand four hundred and fifty six minus fifty six is 3400.",
      "what is two and a half times four|Two and a half times four is 10.",
      "2 - -3|2 minus minus 3 is 5.",
      "1,000 + 1|1000 plus 1 is 1001."})
  void calculates(String text, String reply) {
    assertThat(ask(text)).contains(reply);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(delimiter = '|', value = {
      "what is five divided by zero|You can't divide by zero. Any other sum I can help with?",
      "7 / 0|You can't divide by zero. Any other sum I can help with?",
      "what is the square root of minus four|I can't take the square root of a negative number.",
      "ten to the power of ten thousand|That number is too big for me to say.",
      "(-8)^0.5|That doesn't have a real number as an answer."})
  void explainsImpossibleSums(String text, String reply) {
    assertThat(ask(text)).contains(reply);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"what is the capital of france", "what is five", "what is love", "two plus", "plus two",
      "times square", "what is five kilograms in pounds", "seven times", "what is pi times two", "what is",
      "what is minus five", "(2 plus 3", "what is one hundred and", "five six plus two",
      "what is twelve times seven apples"})
  void leavesOtherQuestionsAlone(String text) {
    assertThat(ask(text)).isEmpty();
  }

  private Optional<String> ask(String text) {
    BrainRequest request = new BrainRequest(text, "c1", List.of(), ZonedDateTime.now());
    return new Skills(List.of(skill)).respond(request, delta -> { }).map(Reply::text);
  }
}
