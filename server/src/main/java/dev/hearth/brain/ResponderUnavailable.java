package dev.hearth.brain;

import java.util.Optional;

/**
 * Thrown by a responder that should have answered but could not (it failed, timed out, or was refused by a budget):
 * the brain logs the reason with the name of the responder that answers instead. A budget's or a rate's refusal also
 * carries its {@link Refusal}, which the brain passes on to the responders after it.
 */
public final class ResponderUnavailable extends Exception {
  private final transient Refusal refusal;

  public ResponderUnavailable(String reason) {
    this(reason, null);
  }

  public ResponderUnavailable(String reason, Refusal refusal) {
    super(reason);
    this.refusal = refusal;
  }

  /** The refusal for the user, when a rate or a budget refused. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }
}
