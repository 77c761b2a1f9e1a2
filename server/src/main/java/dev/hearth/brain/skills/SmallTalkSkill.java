package dev.hearth.brain.skills;

import dev.hearth.brain.BrainRequest;
import dev.hearth.brain.Reply;
import dev.hearth.brain.intent.Intent;
import dev.hearth.brain.intent.IntentMatcher;
import java.util.Optional;

/**
 * Answers greetings, thanks, goodbyes, "how are you" and "who are you" in a sentence: a person who says hello to a
 * kitchen assistant wants a hello back, not a language model's paragraph or an apology.
 */
final class SmallTalkSkill implements Skill {
  static final String WHO = "I'm Hearth, a voice assistant that runs here in your home, without the internet.";

  @Override
  public void declare(IntentMatcher.Builder sentences) {
    sentences.sentences("smalltalk.hello",
        "(hello|hi|hey|howdy|greetings) [there] [hearth]",
        "good (morning|afternoon|evening)",
        "hearth");
    sentences.sentences("smalltalk.how_are_you",
        "how are (you|things) [doing|going] [today]",
        "how is it going",
        "how is your day [going]",
        "how do you do",
        "what is up");
    sentences.sentences("smalltalk.thanks",
        "thank you [very much|so much] [hearth]",
        "thanks [a lot|so much|very much|a bunch] [hearth]",
        "(cheers|much appreciated|i appreciate it|appreciate it)");
    sentences.sentences("smalltalk.bye",
        "(goodbye|bye|bye bye|good night|goodnight|see you later|see you|see ya) [hearth]",
        "(that is|that will be) all [for now|thanks|thank you]");
    sentences.sentences("smalltalk.who",
        "who are you",
        "what are you",
        "what is your name",
        "who am i (talking|speaking) (to|with)",
        "(tell me about|introduce) yourself");
  }

  @Override
  public Optional<Reply> answer(Intent intent, BrainRequest request) {
    int hour = request.now().getHour();
    return Skill.say(switch (intent.name()) {
      case "smalltalk.hello" -> greeting(hour) + " What can I do for you?";
      case "smalltalk.how_are_you" -> "I'm doing well, thanks. What can I do for you?";
      case "smalltalk.thanks" -> "You're welcome.";
      case "smalltalk.bye" -> hour >= 20 || hour < 4 ? "Good night." : "Goodbye.";
      default -> WHO;
    });
  }

  private static String greeting(int hour) {
    if (hour >= 4 && hour < 12) return "Good morning.";
    if (hour >= 12 && hour < 18) return "Good afternoon.";
    return "Good evening.";
  }
}
