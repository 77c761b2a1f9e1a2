package dev.hearth.brain;

/**
 * Thrown by a responder that should have answered but could not (it failed, timed out, or was refused by a budget):
 * the brain logs the reason with the name of the responder that answers instead.
 */
public final class ResponderUnavailable extends Exception {
  public ResponderUnavailable(String reason) {
    super(reason);
  }
}
