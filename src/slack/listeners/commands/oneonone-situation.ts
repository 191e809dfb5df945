import type { TargetText } from '../../../domain/one-on-ones-target';
import { parseSituation, splitTrailingSituation, type ChosenSituation } from '../../../domain/situations';

/**
 * `/oneonone @alice resigned`: the words after the person say what the 1:1 is about. With a mention
 * (or an @name) everything else is the situation; with a bare typed name ("alice resigned") the
 * trailing words are tried as a situation and the rest as the name.
 */
export interface PrepTarget {
  target: TargetText;
  /** Undefined when nothing was typed after the person. */
  situation?: ChosenSituation;
  /** Words typed after the person that match no situation: the manager gets a hint, not a card. */
  unknown?: string;
  /** The target without the situation split off: tried when the split name finds nobody. */
  whole?: TargetText;
}

export function splitPrepTarget(target: TargetText): PrepTarget {
  const rest = target.rest.trim();
  if (!rest) return { target };
  if (target.userIds.length + target.names.length > 0) {
    const situation = parseSituation(rest);
    // raw stays whole: the length limit applies to everything typed.
    const person = { ...target, rest: '' };
    return situation ? { target: person, situation } : { target: person, unknown: rest };
  }
  const split = splitTrailingSituation(rest);
  if (!split || !split.name) return { target };
  return { target: { ...target, rest: split.name, raw: split.name }, situation: split.situation, whole: target };
}
