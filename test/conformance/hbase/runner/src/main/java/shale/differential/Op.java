// One step of a differential sequence: its reproducer text and the action that runs it against a
// target and renders the answer (Render). Actions never throw: an error is part of the answer.
package shale.differential;

import java.util.List;

record Op(String text, Action action) {
  interface Action {
    List<String> run(Target t) throws Exception;
  }

  /** Runs the action inside the target's clock window for operation `index`. */
  List<String> runOn(Target t, int index) {
    t.begin(index);
    try {
      return action.run(t);
    } catch (Throwable e) {
      return Render.error(e);
    } finally {
      t.end(index);
    }
  }
}
